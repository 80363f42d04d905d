//! Properties over generated requests, in process (no sockets): never a
//! 5xx on anything a client sends, and every 200 obeys the null/empty rule.

use crate::common::*;
use axum::body::{to_bytes, Body};
use axum::http::Request;
use prolo_triage_cds::{router, AppState, Config};
use proptest::prelude::*;
use serde_json::{Map, Value};
use tower::ServiceExt;

fn app() -> axum::Router {
    let mut config = Config::new("http://127.0.0.1:1");
    config.as_of = Some(AS_OF.parse().unwrap());
    config.body_limit = 64 * 1024;
    router(AppState::new(config).unwrap())
}

/// Posts `body` in process; the status and the parsed body.
fn call(path: &str, body: Vec<u8>) -> (u16, Value) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let request = Request::post(path)
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap();
        let response = app().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap()
        };
        (status, value)
    })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::from),
        Just(Value::from("example")),
        Just(Value::from("Patient")),
        Just(Value::from("Bundle")),
        Just(Value::from("2026-11-26")),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                "[a-zA-Z]{1,10}|resourceType|entry|resource|id|code",
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer in a value (objects and arrays), for replacing one.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, item) in o {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(item, p, out);
            }
        }
        Value::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(item, p, out);
            }
        }
        _ => {}
    }
}

fn good_request() -> Value {
    request(Some(prefetch_of_bundle("plantar-fasciitis-warfarin.json")))
}

fn check_answer(status: u16, value: &Value) {
    assert!(status < 500, "{status}: {value}");
    if status == 200 {
        assert_no_null_or_empty(value);
        assert!(value["cards"].as_array().unwrap().len() <= 1);
    } else {
        assert!(
            value["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{value}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_get_an_answer_never_a_5xx(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let (status, value) = call("/cds-services/prolo-triage", bytes);
        prop_assert!(matches!(status, 400 | 413), "{status}: {value}");
        check_answer(status, &value);
    }

    #[test]
    fn one_field_replaced_by_anything_never_gives_a_5xx(pick in any::<prop::sample::Index>(), replacement in json_value()) {
        let mut body = good_request();
        let mut all = Vec::new();
        pointers(&body, String::new(), &mut all);
        let pointer = pick.get(&all).clone();
        *body.pointer_mut(&pointer).unwrap() = replacement;
        let (status, value) = call("/cds-services/prolo-triage", body.to_string().into_bytes());
        check_answer(status, &value);
    }

    #[test]
    fn prefetch_keys_dropped_or_null_give_cards_or_412(mask in prop::collection::vec(0u8..3, 8)) {
        let body = good_request();
        let mut prefetch: Map<String, Value> = body["prefetch"].as_object().unwrap().clone();
        let keys: Vec<String> = prefetch.keys().cloned().collect();
        for (key, m) in keys.iter().zip(&mask) {
            match m {
                0 => {}
                1 => { prefetch.remove(key); }
                _ => { prefetch.insert(key.clone(), Value::Null); }
            }
        }
        let patient_or_conditions_missing = !prefetch.contains_key("patient")
            || prefetch["patient"].is_null()
            || !prefetch.contains_key("conditions");
        let conditions_null = prefetch.get("conditions").is_some_and(Value::is_null);
        let (status, value) = call("/cds-services/prolo-triage", request(Some(prefetch)).to_string().into_bytes());
        check_answer(status, &value);
        if patient_or_conditions_missing {
            prop_assert_eq!(status, 412, "{}", value);
        } else {
            prop_assert_eq!(status, 200, "{}", value);
            prop_assert_eq!(value["cards"].as_array().unwrap().is_empty(), conditions_null);
        }
    }
}
