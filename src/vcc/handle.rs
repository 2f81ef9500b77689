//! The handles scripts hold: a unit group's or a unit's id with the client that reads it. Cheap
//! to clone; every call re-reads the VCC, so a handle never shows stale state.
use crate::vcc::spec::Drift;
use crate::vcc::table::Row;
use crate::vcc::{
    Client, Progress, Result, Spec, UgroupId, UgroupKind, UnitGroup, UnitId, VccError,
};

/// A unit group handle.
#[derive(Clone)]
pub struct UgroupHandle {
    /// The client that reads it.
    pub client: Client,
    /// Its id.
    pub id: UgroupId,
}

/// A unit handle.
#[derive(Clone)]
pub struct UnitHandle {
    /// The client that reads it.
    pub client: Client,
    /// Its id.
    pub id: UnitId,
}

impl UgroupHandle {
    /// The handle of a unit group read from the VCC.
    pub fn of(client: &Client, ug: &UnitGroup) -> Self {
        UgroupHandle {
            client: client.clone(),
            id: ug.id(),
        }
    }

    /// The handle of one of its units.
    pub fn unit(&self, name: &str) -> UnitHandle {
        UnitHandle {
            client: self.client.clone(),
            id: self.id.unit(name),
        }
    }

    /// Wait until nothing in the group is mid-transition; `false` when it is gone by then.
    pub async fn wait_settled(&self, progress: &Progress) -> Result<bool> {
        let Some(g) = self.client.ugroup(&self.id).await? else {
            return Ok(false);
        };
        Ok(self.client.settle_ugroup(g, progress).await?.is_some())
    }
}

/// A unit group handle as a table row (no request): vcname, vctype, vcid.
pub fn ugroup_row(id: &UgroupId) -> Row {
    let mut r = Row::new();
    r.insert("vcname".into(), id.name.clone().into());
    r.insert("vctype".into(), id.kind.as_str().into());
    r.insert("vcid".into(), id.vcid.clone().into());
    r
}

/// A unit handle as a table row (no request): vcname, unit_name.
pub fn unit_row(id: &UnitId) -> Row {
    let mut r = Row::new();
    r.insert("vcname".into(), id.ugroup.name.clone().into());
    r.insert("unit_name".into(), id.name.clone().into());
    r
}

/// A unit group kind as scripts name it: "compute" or "storage" ("disk" too).
pub fn ugroup_kind(kind: &str) -> Result<UgroupKind> {
    UgroupKind::parse(kind).ok_or_else(|| {
        VccError::invalid(
            crate::t!("vcc-ugroup-kind-unknown", kind = format!("{kind:?}")),
            crate::t!("vcc-ugroup-kind-unknown-help"),
        )
    })
}

/// What differs between unit `unit`'s CCI on the VCC (`info`) and `spec` and cannot change in
/// place; a unit whose spec the VCC does not report is compared as matching, with a warning.
pub fn drift(
    unit: &str,
    info: Option<&str>,
    spec: &Spec,
    ignore: &[String],
) -> std::result::Result<Vec<Drift>, String> {
    let Some(info) = info else {
        tracing::warn!("{}", crate::t!("vcc-drift-no-spec", unit = unit));
        return Ok(Vec::new());
    };
    spec.drift(info, ignore)
        .map_err(|e| crate::t!("vcc-drift-unit", unit = unit, problem = e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> UgroupId {
        UgroupId {
            vcid: "abc".into(),
            name: "Api".into(),
            kind: UgroupKind::Storage,
        }
    }

    #[test]
    fn handles_show_as_rows_of_their_ids() {
        let r = ugroup_row(&id());
        assert_eq!(
            serde_json::Value::Object(r),
            serde_json::json!({"vcname": "Api", "vctype": "storage", "vcid": "abc"})
        );
        let r = unit_row(&id().unit("disk"));
        assert_eq!(
            serde_json::Value::Object(r),
            serde_json::json!({"vcname": "Api", "unit_name": "disk"})
        );
    }

    #[test]
    fn kinds_are_compute_or_storage() {
        assert_eq!(ugroup_kind("compute").unwrap(), UgroupKind::Compute);
        assert_eq!(ugroup_kind("disk").unwrap(), UgroupKind::Storage);
        let e = ugroup_kind("gpu").unwrap_err();
        assert_eq!(e.to_string(), "unknown unit group kind \"gpu\"");
        assert_eq!(e.kind(), "invalid");
    }

    #[test]
    fn a_unit_without_a_reported_spec_has_no_drift_and_an_unreadable_one_names_the_unit() {
        let spec = Spec::new(&crate::vcc::Config::built_in(), "aws", "small").unwrap();
        assert!(drift("w", None, &spec, &[]).unwrap().is_empty());
        let e = drift("w", Some("%%% not a cci"), &spec, &[]).unwrap_err();
        assert!(e.starts_with("unit w: "), "{e}");
    }
}
