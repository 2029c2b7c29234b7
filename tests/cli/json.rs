//! Comparing JSON reports with reference values.

/// Compares two JSON values, numbers to 1e-9 and `null` only with `null`.
pub fn close_json(path: &str, got: &serde_json::Value, want: &serde_json::Value) {
    use serde_json::Value;
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (
                g.as_f64().unwrap_or(f64::NAN),
                w.as_f64().unwrap_or(f64::NAN),
            );
            assert!((g - w).abs() <= 1e-9, "{path}: {g} is not {w}");
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{path}: length");
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                close_json(&format!("{path}[{i}]"), g, w);
            }
        }
        (Value::Object(g), Value::Object(w)) => {
            let mut gk: Vec<_> = g.keys().collect();
            let mut wk: Vec<_> = w.keys().collect();
            gk.sort();
            wk.sort();
            assert_eq!(gk, wk, "{path}: keys");
            for (k, w) in w {
                close_json(&format!("{path}.{k}"), &g[k], w);
            }
        }
        _ => assert_eq!(got, want, "{path}"),
    }
}
