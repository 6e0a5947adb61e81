//! Networks: who their members are.

crate::codes! {
    /// Whom a network gathers: companies (a traffic network in an industrial area) or staff
    /// across offices (Näringslivsnätverket).
    pub enum NetworkKind {
        External = "external" => "companies",
        Internal = "internal" => "staff-member",
    }
}
