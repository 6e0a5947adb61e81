//! Organisers: a region or a national body that measures member municipalities side by side.

crate::codes! {
    /// How far an organiser reaches.
    pub enum OrganiserKind {
        Regional = "regional" => "organiser-regional",
        National = "national" => "organiser-national",
    }
}
