//! A list-valued fact of the presentation (medications, allergies) as the
//! record states it: a closed list, or an open one (contract v2).

use enumset::{EnumSet, EnumSetType};

use crate::truth::Truth;

/// A recorded medication or allergy list, in one of the two forms of the
/// wire format (`docs/decision-model.md` §1):
///
/// - **closed** (`["nsaid"]`, or `[]` for none): exactly these classes,
///   every other class absent;
/// - **open** (`{"anticoagulant": "present", "nsaid": "absent"}`): each
///   class named has its truth value, every class not named is unknown.
///
/// Each class is then its own fact, read with [`ClassList::truth`]. The form
/// read is kept, so a presentation serializes back as it came.
///
/// # Example
///
/// ```
/// use prolo_triage::{ClassList, MedicationClass, Truth};
/// let closed = ClassList::closed([MedicationClass::Nsaid]);
/// assert_eq!(closed.truth(MedicationClass::Anticoagulant), Truth::Absent);
/// let open = ClassList::open([(MedicationClass::Anticoagulant, Truth::Present)]);
/// assert_eq!(open.truth(MedicationClass::Anticoagulant), Truth::Present);
/// assert_eq!(open.truth(MedicationClass::Nsaid), Truth::Unknown);
/// assert!(open.is_open() && !closed.is_open());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassList<T: EnumSetType> {
    present: EnumSet<T>,
    /// Disjoint from `present`; every other class when closed.
    absent: EnumSet<T>,
    open: bool,
}

impl<T: EnumSetType> ClassList<T> {
    /// A closed list: exactly these classes (none when empty).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, ClassList, Truth};
    /// let none = ClassList::<Allergy>::closed([]);
    /// assert!(Allergy::all().iter().all(|a| none.truth(*a) == Truth::Absent));
    /// ```
    #[must_use]
    pub fn closed(classes: impl IntoIterator<Item = T>) -> ClassList<T> {
        let present: EnumSet<T> = classes.into_iter().collect();
        ClassList {
            present,
            absent: !present,
            open: false,
        }
    }

    /// An open list: each class with its truth value, the rest unknown. A
    /// class given twice keeps the last value.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{ClassList, MedicationClass, Truth};
    /// let list = ClassList::open([(MedicationClass::Nsaid, Truth::Absent)]);
    /// assert_eq!(list.absent().len(), 1);
    /// assert_eq!(list.unknown().len(), MedicationClass::all().len() - 1);
    /// ```
    #[must_use]
    pub fn open(entries: impl IntoIterator<Item = (T, Truth)>) -> ClassList<T> {
        entries.into_iter().fold(
            ClassList {
                present: EnumSet::empty(),
                absent: EnumSet::empty(),
                open: true,
            },
            |list, (class, truth)| list.with(class, truth),
        )
    }

    /// This list with one class set to `truth`. The result is an open list
    /// (a closed list first names every class it settles).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{ClassList, MedicationClass, Truth};
    /// let list = ClassList::closed([]).with(MedicationClass::Nsaid, Truth::Unknown);
    /// assert!(list.is_open());
    /// assert_eq!(list.truth(MedicationClass::Nsaid), Truth::Unknown);
    /// assert_eq!(list.truth(MedicationClass::Anticoagulant), Truth::Absent);
    /// ```
    #[must_use]
    pub fn with(mut self, class: T, truth: Truth) -> ClassList<T> {
        self.present.remove(class);
        self.absent.remove(class);
        match truth {
            Truth::Present => {
                self.present.insert(class);
            }
            Truth::Absent => {
                self.absent.insert(class);
            }
            Truth::Unknown => {}
        }
        self.open = true;
        self
    }

    /// The truth of one class.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, ClassList, Truth};
    /// assert_eq!(ClassList::closed([Allergy::Corn]).truth(Allergy::Corn), Truth::Present);
    /// ```
    #[must_use]
    pub fn truth(&self, class: T) -> Truth {
        if self.present.contains(class) {
            Truth::Present
        } else if self.absent.contains(class) {
            Truth::Absent
        } else {
            Truth::Unknown
        }
    }

    /// The classes present.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, ClassList};
    /// assert!(ClassList::closed([Allergy::Corn]).present().contains(Allergy::Corn));
    /// ```
    #[must_use]
    pub fn present(&self) -> EnumSet<T> {
        self.present
    }

    /// The classes absent (every class not present, for a closed list).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, ClassList};
    /// assert_eq!(ClassList::closed([Allergy::Corn]).absent().len(), Allergy::all().len() - 1);
    /// ```
    #[must_use]
    pub fn absent(&self) -> EnumSet<T> {
        self.absent
    }

    /// The classes unknown (none, for a closed list).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, ClassList};
    /// assert!(ClassList::<Allergy>::closed([]).unknown().is_empty());
    /// ```
    #[must_use]
    pub fn unknown(&self) -> EnumSet<T> {
        !(self.present | self.absent)
    }

    /// True for an open list (the object form).
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, ClassList};
    /// assert!(ClassList::<Allergy>::open([]).is_open());
    /// ```
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The classes the list names with their truth values: for a closed
    /// list the classes present; for an open list every class named, in
    /// vocabulary order.
    ///
    /// # Example
    ///
    /// ```
    /// use prolo_triage::{Allergy, ClassList, Truth};
    /// let list = ClassList::open([(Allergy::Corn, Truth::Absent)]);
    /// assert_eq!(list.named().collect::<Vec<_>>(), [(Allergy::Corn, Truth::Absent)]);
    /// ```
    pub fn named(&self) -> impl Iterator<Item = (T, Truth)> + '_ {
        let named = if self.open {
            self.present | self.absent
        } else {
            self.present
        };
        named.iter().map(move |class| (class, self.truth(class)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::MedicationClass;

    #[test]
    fn every_class_has_exactly_one_truth() {
        let lists = [
            ClassList::closed([MedicationClass::Nsaid]),
            ClassList::open([
                (MedicationClass::Nsaid, Truth::Present),
                (MedicationClass::Anticoagulant, Truth::Absent),
                (MedicationClass::Antiplatelet, Truth::Unknown),
            ]),
        ];
        for list in lists {
            for class in MedicationClass::all() {
                let in_sets = [list.present(), list.absent(), list.unknown()]
                    .iter()
                    .filter(|s| s.contains(*class))
                    .count();
                assert_eq!(in_sets, 1, "{class} in {list:?}");
            }
        }
    }

    #[test]
    fn the_last_value_given_wins() {
        let list = ClassList::open([
            (MedicationClass::Nsaid, Truth::Present),
            (MedicationClass::Nsaid, Truth::Absent),
        ]);
        assert_eq!(list.truth(MedicationClass::Nsaid), Truth::Absent);
        assert!(list.present().is_empty());
    }
}
