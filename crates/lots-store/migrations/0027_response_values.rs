//! The indices of every response submitted before `survey_response_values` existed, computed
//! from its answers with its round's battery, as the submission now writes them.

use sqlx::Row;

use super::{StepFuture, Tx};

pub(super) fn run(tx: &mut Tx) -> StepFuture<'_> {
    Box::pin(async move {
        let mut batteries = std::collections::HashMap::new();
        // A thousand answers at a time: an installation's every answer never sits in memory.
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(
                "SELECT s.id, s.round_id, s.answers, s.area, s.industry, s.size_class, s.unit,
                        v.definition
                 FROM survey_responses s
                 JOIN survey_rounds r ON r.id = s.round_id
                 JOIN battery_versions v ON v.id = r.battery_version_id
                 WHERE s.submitted_at IS NOT NULL AND s.id > $1 ORDER BY s.id LIMIT 1000",
            )
            .bind(after)
            .fetch_all(&mut **tx)
            .await?;
            let Some(last) = rows.last() else {
                return Ok(());
            };
            after = last.try_get("id")?;
            for r in &rows {
                let definition: String = r.try_get("definition")?;
                let battery = batteries
                    .entry(definition)
                    .or_insert_with_key(|d| lots_domain::battery::Battery::from_json(d).ok());
                let Some(battery) = battery.as_ref() else {
                    continue;
                };
                let answers = serde_json::from_str(&r.try_get::<String, _>("answers")?)
                    .unwrap_or_default();
                let background: [String; 4] = [
                    r.try_get("area")?,
                    r.try_get("industry")?,
                    r.try_get("size_class")?,
                    r.try_get("unit")?,
                ];
                crate::surveys::index_sums::write_values(
                    tx,
                    (r.try_get("id")?, r.try_get("round_id")?, &background),
                    battery,
                    &answers,
                )
                .await?;
            }
        }
    })
}
