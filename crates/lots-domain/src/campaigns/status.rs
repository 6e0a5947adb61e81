//! Where a campaign and each of its visits stand.

crate::codes! {
    /// A campaign is drafted, planned (visits assigned), running (times offered) or closed.
    pub enum CampaignStatus {
        Draft = "draft" => "draft",
        Planned = "planned" => "planned-singular",
        Running = "running" => "running",
        Closed = "closed" => "campaign-closed",
    }
}

crate::codes! {
    /// A visit is planned (assigned, no time yet), booked, done (recorded) or cancelled.
    pub enum VisitStatus {
        Planned = "planned" => "planned",
        Booked = "booked" => "booked",
        Done = "done" => "done",
        Cancelled = "cancelled" => "cancelled",
    }
}

impl VisitStatus {
    /// Still to happen: a time can be booked, changed or cancelled.
    pub fn is_ahead(self) -> bool {
        matches!(self, VisitStatus::Planned | VisitStatus::Booked)
    }
}

crate::codes! {
    /// Where a visit refers a company: to a network, an event, or a unit of the municipality.
    pub enum ReferralKind {
        Network = "network" => "to-a-network",
        Event = "event" => "to-an-event",
        Unit = "unit" => "to-a-unit",
    }
}
