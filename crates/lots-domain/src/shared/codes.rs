//! Closed sets of values — statuses and kinds — as enums that are stored, sent and shown
//! as short codes (`booked`, `in_progress`), each with the message id of its label.

/// The code was not one of the set's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown code {0:?}")]
pub struct UnknownCode(pub String);

/// Declares an enum whose variants are written as codes: `code()` and `FromStr` for the
/// database and forms, `message()` for the label in the catalog, `ALL` in declaration
/// order, and serialisation as the code, so templates and JSON see what was stored.
#[macro_export]
macro_rules! codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $code:literal => $message:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// What is stored and sent.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The id of its label in the message catalog.
            pub fn message(self) -> &'static str {
                match self {
                    $($name::$variant => $message),+
                }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::codes::UnknownCode;

            fn from_str(code: &str) -> Result<$name, Self::Err> {
                $name::parse(code).ok_or_else(|| $crate::codes::UnknownCode(code.to_string()))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::codes! {
        enum Light {
            Red = "red" => "stop",
            Green = "green" => "go",
        }
    }

    #[test]
    fn a_code_reads_back_as_its_variant_and_serialises_as_itself() {
        for light in Light::ALL {
            assert_eq!(light.code().parse::<Light>(), Ok(*light));
        }
        assert_eq!(Light::Green.message(), "go");
        assert_eq!(serde_json::to_string(&Light::Red).unwrap(), "\"red\"");
        assert!("blue".parse::<Light>().is_err());
    }
}
