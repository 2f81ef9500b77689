//! The value types of the options scripts pass (`#{ timeout: 2.5, port: 22, vcno: 3 }`), read
//! by serde from any source (the bindings read Rhai maps through `crate::api::options`): one
//! copy for every domain, so `timeout` means the same in `ssh::host`, `known_hosts::refresh`
//! and `swarm::join`.
use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};
use std::time::Duration;

/// A duration option given in seconds, as an integer or a float (a script's `timeout: 2.5`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seconds(pub f64);

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Seconds;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::t!("script-expect-seconds"))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Seconds, E> {
                Ok(Seconds(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Seconds, E> {
                Ok(Seconds(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Seconds, E> {
                Ok(Seconds(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl Seconds {
    /// The duration; a negative or unusable number is an error naming the option `what`.
    pub fn duration(self, what: &str) -> Result<Duration, String> {
        let s = self.0;
        if s < 0.0 {
            return Err(crate::t!("script-option-negative", option = what));
        }
        Duration::try_from_secs_f64(s)
            .map_err(|_| crate::t!("script-option-bad-seconds", option = what, value = s))
    }
}

/// An integer option (a float or a text is an error saying an integer is expected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int(pub i64);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Int;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::t!("script-expect-integer"))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Int, E> {
                Ok(Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Int, E> {
                i64::try_from(v).map(Int).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl Int {
    /// As a TCP port.
    pub fn port(self) -> Result<u16, String> {
        u16::try_from(self.0).map_err(|_| crate::t!("script-option-bad-port", port = self.0))
    }
}

/// A text option that also takes a number or a boolean as its text (`vcno: 3` is `"3"`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::t!("script-expect-text"))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_char<E>(self, v: char) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A list of texts (`ip_addresses: ["…"]`); anything else is an error that says a list is
/// expected.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Texts(pub Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Texts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::t!("script-expect-texts"))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Texts, A::Error> {
                let mut v = Vec::new();
                while let Some(Text(t)) = a.next_element()? {
                    v.push(t);
                }
                Ok(Texts(v))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn de<T: for<'de> Deserialize<'de>>(v: serde_json::Value) -> Result<T, String> {
        T::deserialize(v).map_err(|e| e.to_string())
    }

    #[test]
    fn seconds_take_integers_and_floats_and_refuse_negatives() {
        assert_eq!(de::<Seconds>(json!(2)).unwrap(), Seconds(2.0));
        let d = de::<Seconds>(json!(2.5))
            .unwrap()
            .duration("timeout")
            .unwrap();
        assert_eq!(d, Duration::from_millis(2500));
        let e = Seconds(-1.0).duration("timeout").unwrap_err();
        assert_eq!(e, "timeout must not be negative");
        assert!(
            de::<Seconds>(json!("soon"))
                .unwrap_err()
                .contains("a number of seconds")
        );
    }

    #[test]
    fn integers_refuse_floats_and_ports_are_checked() {
        assert_eq!(de::<Int>(json!(22)).unwrap(), Int(22));
        assert!(de::<Int>(json!(2.5)).unwrap_err().contains("an integer"));
        assert_eq!(Int(70000).port().unwrap_err(), "port 70000 is out of range");
    }

    #[test]
    fn texts_take_numbers_and_booleans_as_text_and_lists_must_be_lists() {
        assert_eq!(de::<Text>(json!(3)).unwrap(), Text("3".into()));
        assert_eq!(de::<Text>(json!(true)).unwrap(), Text("true".into()));
        let t = de::<Texts>(json!(["10.0.0.1", 2])).unwrap();
        assert_eq!(t, Texts(vec!["10.0.0.1".into(), "2".into()]));
        assert!(
            de::<Texts>(json!("10.0.0.1"))
                .unwrap_err()
                .contains("a list of strings")
        );
    }
}
