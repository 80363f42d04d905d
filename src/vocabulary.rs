//! Helpers shared by the closed vocabularies.

/// Adds `as_str` (the wire name) and `all` (every value, in wire order) to a
/// vocabulary enum deriving strum's `IntoStaticStr` and `VariantArray`.
macro_rules! vocabulary {
    ($name:ident) => {
        impl $name {
            /// The wire name, as written in JSON (`snake_case`).
            #[must_use]
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Every value of the vocabulary, in the order of the contract.
            #[must_use]
            pub fn all() -> &'static [$name] {
                <$name as strum::VariantArray>::VARIANTS
            }
        }
    };
}

pub(crate) use vocabulary;

/// The wire names of a vocabulary, comma separated, for error messages.
pub(crate) fn names<T: Copy + Into<&'static str>>(all: &[T]) -> String {
    let names: Vec<&'static str> = all.iter().map(|v| (*v).into()).collect();
    names.join(", ")
}
