//! The simulator's HTTP surface: the VCC's paths, status codes (202 for mutations) and JSON
//! shapes (vcc-rest.md §2), the token check (403 with a VCPAuthException message), and the
//! fault middleware.
use crate::sim::driver::{self, NodeDriver};
use crate::sim::faults::{Fault, Faults};
use crate::sim::state::{Refusal, Rules, SimState, now_ms, stamp};
use crate::vcc::UgroupKind;
use crate::vcc::cci;
use crate::vcc::model::NodeOp;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The URL prefix of every route.
pub const PREFIX: &str = "/vcp/v1/occtr";

/// State shared by all handlers.
pub struct Shared {
    /// The world.
    pub state: Mutex<SimState>,
    /// Behaviour.
    pub rules: Rules,
    /// Expected token.
    pub token: String,
    /// Fault generator.
    pub faults: Mutex<Faults>,
    /// Where to persist after every mutation.
    pub state_file: Option<PathBuf>,
    /// Something real behind the nodes (the lab), if any.
    pub driver: Option<Arc<dyn NodeDriver>>,
    /// The token of a super user (may use privileged mode), if configured.
    pub super_token: Option<String>,
    /// What the `x-cwh-simulator` header says: `sim` or `lab`.
    pub identity: &'static str,
    /// Request log level (see `SimOptions::request_log`).
    pub request_log: u8,
    /// The VPN catalog and version of the VCC a seeded simulator stands in for.
    pub seed: Option<(Value, Value)>,
    /// Set while the state file cannot be written: every request is refused with this.
    pub save_failed: Mutex<Option<String>>,
    /// Refuse a new unit or node while another boots in the same unit group (see
    /// `SimOptions::one_boot_per_group`).
    pub one_boot_per_group: bool,
}

/// The authority of the token a request carried (set by the token check).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Regular,
    Super,
}

/// What a handler adds to the request's log line at `-vv` (the CCI's gist).
#[derive(Debug, Clone)]
struct LogNote(String);

type S = State<Arc<Shared>>;

fn message(status: u16, msg: impl Into<String>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (code, axum::Json(json!({"message": msg.into()}))).into_response()
}

fn refused((status, msg): Refusal) -> Response {
    message(status, msg)
}

fn accepted(body: Value) -> Response {
    (StatusCode::ACCEPTED, axum::Json(body)).into_response()
}

fn with_note(mut r: Response, note: String) -> Response {
    r.extensions_mut().insert(LogNote(note));
    r
}

/// `{"force": "true"}` (the SDK sends strings) or `{"force": true}`.
fn force(b: &Value) -> bool {
    match b.get("force") {
        Some(Value::Bool(f)) => *f,
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}

impl Shared {
    /// Read access with due transitions applied.
    fn read<T>(&self, f: impl FnOnce(&SimState) -> T) -> T {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(d) = &self.driver
            && driver::apply_outcomes(&mut st, d.as_ref())
        {
            // a failure is remembered and refuses the next request (storage_mw)
            let _ = self.save(&st);
        }
        st.advance(now_ms());
        f(&st)
    }
    /// Persist the state. A failure is remembered: until a save succeeds again every request
    /// is refused (507, see `storage_mw`), so no client acts on a world the file does not hold.
    fn save(&self, st: &SimState) -> Result<(), Refusal> {
        let Some(p) = &self.state_file else {
            return Ok(());
        };
        let mut failed = self.save_failed.lock().unwrap_or_else(|e| e.into_inner());
        match st.save(p) {
            Ok(()) => {
                *failed = None;
                Ok(())
            }
            Err(e) => {
                let msg = format!(
                    "{}: VCPStorageException: the simulator cannot save its state to {}: {e}; nothing more is changed until it can (free space or fix the permissions of that directory, then run again)",
                    stamp(),
                    p.display()
                );
                // the answer imitates the VCC's (English); the operator reads the log
                tracing::error!(
                    "{}",
                    crate::t!(
                        "sim-cannot-save",
                        file = p.display().to_string(),
                        problem = e.to_string()
                    )
                );
                *failed = Some(msg.clone());
                Err((507, msg))
            }
        }
    }
    /// A mutation, persisted when it succeeds. When the state cannot be saved the mutation is
    /// undone and refused (507): memory and file never disagree about what exists.
    fn write<T>(
        &self,
        f: impl FnOnce(&mut SimState, &Rules, u64) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = now_ms();
        if let Some(d) = &self.driver {
            driver::apply_outcomes(&mut st, d.as_ref());
        }
        st.advance(now);
        let before = st.clone();
        let r = f(&mut st, &self.rules, now)?;
        if let Err(e) = self.save(&st) {
            *st = before;
            return Err(e);
        }
        if let Some(d) = &self.driver {
            for e in driver::effects(&before, &st) {
                d.submit(e);
            }
        }
        Ok(r)
    }
}

/// Build the router for a shared state.
pub fn router(shared: Arc<Shared>) -> Router {
    let p = |s: &str| format!("{PREFIX}{s}");
    Router::new()
        .route(PREFIX, get(root))
        .route(&p("/"), get(root))
        .route(&p("/health"), get(root))
        .route(&p("/accounts/authority"), get(authority))
        .route(&p("/version"), get(version))
        .route(&p("/vpn_catalog"), get(vpn_catalog))
        .route(&p("/publickey"), get(publickey))
        .route(&p("/vcs"), get(list_vcs).post(create_vc))
        .route(
            &p("/vcs/{vcid}"),
            get(get_vc)
                .post(add_unit)
                .delete(delete_vc)
                .put(rename_vc)
                .patch(patch_vc),
        )
        .route(
            &p("/vcs/{vcid}/{unit}"),
            get(get_unit).put(add_nodes).delete(delete_unit),
        )
        .route(
            &p("/vcs/{vcid}/{unit}/{nid}"),
            get(get_node).delete(delete_node).patch(unit_op),
        )
        .route(
            &p("/vcs/{vcid}/{unit}/{nid}/{op}"),
            patch(node_op).get(node_get_op),
        )
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(shared.clone(), storage_mw))
        .layer(middleware::from_fn_with_state(shared.clone(), faults_mw))
        .layer(middleware::from_fn_with_state(shared.clone(), auth_mw))
        .layer(middleware::from_fn_with_state(shared.clone(), log_mw))
        .with_state(shared)
}

async fn unknown_route(req: Request) -> Response {
    message(
        404,
        format!(
            "{}: VCPNotFoundException: no such path: {} {}",
            stamp(),
            req.method(),
            req.uri().path()
        ),
    )
}

async fn method_not_allowed(req: Request) -> Response {
    message(
        405,
        format!(
            "{}: VCPValidationException: method {} not allowed on {}",
            stamp(),
            req.method(),
            req.uri().path()
        ),
    )
}

/// Outermost layer: every answer says it comes from the simulator (`x-cwh-simulator`), and
/// with a request log each request is logged once it is answered. Never logs headers, so the
/// token cannot show.
async fn log_mw(State(sh): S, req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let t0 = std::time::Instant::now();
    let mut resp = next.run(req).await;
    resp.headers_mut().insert(
        crate::sim::IDENTITY_HEADER,
        axum::http::HeaderValue::from_static(sh.identity),
    );
    if sh.request_log > 0 {
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        let status = resp.status().as_u16();
        let note = match resp.extensions().get::<LogNote>() {
            Some(LogNote(n)) if sh.request_log > 1 => format!("  {n}"),
            _ => String::new(),
        };
        tracing::info!(
            target: "cwh::sim::request",
            "{method} {} {status} {ms:.1} ms{note}",
            crate::redact::redact(&path)
        );
    }
    resp
}

async fn auth_mw(State(sh): S, mut req: Request, next: Next) -> Response {
    let sent = req
        .headers()
        .get("x-vcc-access-token")
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    let role = match sent {
        Some(t) if t == sh.token => Some(Role::Regular),
        Some(t) if sh.super_token.as_deref() == Some(t) => Some(Role::Super),
        _ => None,
    };
    let privileged = req
        .headers()
        .get("x-vcc-privileged")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    if privileged && role == Some(Role::Regular) {
        return message(
            403,
            format!(
                "{}: VCPAuthException: permission error: privileged mode (x-vcc-privileged: True) needs a token whose user_role is super; this token's user_role is regular",
                stamp()
            ),
        );
    }
    if let Some(r) = role {
        req.extensions_mut().insert(r);
    } else {
        return message(
            403,
            format!(
                "{}: VCPAuthException: xxxxxxx:token lookup is failed: permission denied",
                stamp()
            ),
        );
    }
    next.run(req).await
}

/// While the state file cannot be written, try again; refuse the request (507) while it still
/// fails, so a run stops instead of acting on a world the file does not hold.
async fn storage_mw(State(sh): S, req: Request, next: Next) -> Response {
    let broken = sh
        .save_failed
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .is_some();
    if broken {
        let st = sh.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(r) = sh.save(&st) {
            return refused(r);
        }
    }
    next.run(req).await
}

async fn faults_mw(State(sh): S, req: Request, next: Next) -> Response {
    let (fault, latency) = {
        let mut f = sh.faults.lock().unwrap_or_else(|e| e.into_inner());
        (f.decide(), f.latency())
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match fault {
        Fault::None => next.run(req).await,
        Fault::Status(s) => (
            StatusCode::from_u16(s).unwrap_or(StatusCode::BAD_GATEWAY),
            [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<html><body>simulated gateway fault</body></html>",
        )
            .into_response(),
        Fault::Drop => {
            let resp = next.run(req).await;
            let (parts, _) = resp.into_parts();
            let body = Body::from_stream(futures::stream::once(async {
                Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other(
                    "simulated dropped connection",
                ))
            }));
            Response::from_parts(parts, body)
        }
    }
}

async fn root() -> Response {
    axum::Json(json!({})).into_response()
}

async fn authority(role: Option<axum::Extension<Role>>) -> Response {
    let su = matches!(role, Some(axum::Extension(Role::Super)));
    axum::Json(json!({
        "role": "fullaccess",
        "user_name": if su { "admin" } else { "nobody" },
        "user_role": if su { "super" } else { "regular" },
    }))
    .into_response()
}

async fn version(State(sh): S) -> Response {
    if let Some((_, v)) = &sh.seed {
        return axum::Json(v.clone()).into_response();
    }
    // CWH_SIM_VCC_VERSION: report another version (a rehearsal of an older VCC's refusal)
    let reported = std::env::var("CWH_SIM_VCC_VERSION")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "25.10.0+20251001".into());
    axum::Json(json!({
        "version": reported,
        "git_tag": "cwh-simulator",
        "plugin": {"aws": "1.2+20251001", "azure": "1.2+20251001", "onpremises": "1.0+20251001"}
    }))
    .into_response()
}

async fn vpn_catalog(State(sh): S) -> Response {
    if let Some((cat, _)) = &sh.seed {
        let mut cat = cat.clone();
        if let Value::Object(m) = &mut cat {
            m.insert("cci_version".into(), json!("1.0"));
        }
        return axum::Json(json!({ "vpn_catalog": cat })).into_response();
    }
    let mask = sh.rules.net.to_string();
    axum::Json(json!({"vpn_catalog": {
        "cci_version": "1.0",
        "aws": {"default": {"aws_region": "ap-northeast-1", "aws_availability_zone": "ap-northeast-1a",
            "aws_vpc_subnet_id": "subnet-00000000000000000", "aws_vpc_security_group_id": "sg-00000000000000000",
            "private_network_ipmask": mask}},
        "azure": {"default": {"azure_location": "japaneast", "azure_resource_group_name": "vcp",
            "azure_vnet_name": "vcp-vnet", "azure_subnet_name": "vcp-subnet",
            "azure_security_group_name": "vcp-sg", "private_network_ipmask": mask}},
        "vmware": {"default": {"private_network_ipmask": mask}},
        "proxmox": {"default": {"private_network_ipmask": mask}},
        "onpremises": {"default": {"private_network_ipmask": mask}}
    }}))
    .into_response()
}

async fn publickey() -> Response {
    axum::Json(
        json!({"publickey": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCsimulator vcc@cwh-simulator"}),
    )
    .into_response()
}

async fn list_vcs(State(sh): S) -> Response {
    let vcs = sh.read(|st| st.vcs.iter().map(|v| st.render(v)).collect::<Vec<_>>());
    axum::Json(json!({"vcs": vcs})).into_response()
}

fn body_json(body: &str) -> Result<Value, Refusal> {
    if body.trim().is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_str(body).map_err(|e| {
        (
            400,
            format!(
                "{}: VCPValidationException: request body is not JSON: {e}",
                stamp()
            ),
        )
    })
}

async fn create_vc(State(sh): S, body: String) -> Response {
    let r = body_json(&body).and_then(|b| {
        let (name, kind, description) = match b.get("cci").and_then(Value::as_str) {
            Some(c) => {
                let d = cci::decode_b64(c)
                    .map_err(|e| (400, format!("{}: VCPValidationException: {e}", stamp())))?;
                let kind = d
                    .str("type")
                    .and_then(UgroupKind::parse)
                    .unwrap_or_default();
                let description = d.str("description").map(str::to_string);
                (SimState::vc_name(d.fields.get("name"))?, kind, description)
            }
            None => return Err(SimState::vc_name(None).unwrap_err()),
        };
        sh.write(|st, _, _| {
            let id = st.create_vc_described(&name, kind, description.clone());
            Ok((id, name.clone(), kind))
        })
    });
    match r {
        Ok((vcid, name, kind)) => with_note(
            accepted(json!({"vcid": vcid})),
            format!("unit group {name:?} ({kind}) vcid {vcid}"),
        ),
        Err(e) => refused(e),
    }
}

async fn get_vc(State(sh): S, Path(vcid): Path<String>) -> Response {
    match sh.read(|st| st.vcs.iter().find(|v| v.vcid == vcid).map(|v| st.render(v))) {
        Some(v) => axum::Json(v).into_response(),
        None => message(
            404,
            format!("{}: VCPNotFoundException: {vcid}: vc not found", stamp()),
        ),
    }
}

async fn add_unit(State(sh): S, Path(vcid): Path<String>, body: String) -> Response {
    let r = body_json(&body).and_then(|b| {
        let info = b.get("info").and_then(Value::as_str).unwrap_or_default();
        let text = cci::unb64(info)
            .map_err(|e| (400, format!("{}: VCPValidationException: {e}", stamp())))?;
        let d = cci::decode(&text)
            .map_err(|e| (400, format!("{}: VCPValidationException: {e}", stamp())))?;
        let name = b
            .get("unit_name")
            .and_then(Value::as_str)
            .or(d.str("name"))
            .unwrap_or_default()
            .to_string();
        if !crate::vcc::spec::valid_unit_name(&name) {
            return Err((
                400,
                format!(
                    "{}: VCPValidationException: invalid unit name [{name}]",
                    stamp()
                ),
            ));
        }
        let note = format!(
            "unit {name:?}: num_nodes {} provider {}",
            d.int("num_nodes")
                .or(d.int("num_disks"))
                .map_or("1 (default)".to_string(), |n| n.to_string()),
            d.str("cloud_provider").unwrap_or("?"),
        );
        sh.write(|st, rules, now| {
            if sh.one_boot_per_group {
                st.refuse_while_booting(&vcid)?;
            }
            st.add_unit(rules, &vcid, &name, text.clone(), &d, now)
        })
        .map(|()| note)
    });
    match r {
        Ok(note) => with_note(accepted(json!({})), note),
        Err(e) => refused(e),
    }
}

async fn delete_vc(State(sh): S, Path(vcid): Path<String>) -> Response {
    match sh.write(|st, rules, now| st.delete_vc(rules, &vcid, now)) {
        Ok(()) => accepted(json!({})),
        Err(e) => refused(e),
    }
}

async fn rename_vc(State(sh): S, Path(vcid): Path<String>, body: String) -> Response {
    let r = body_json(&body).and_then(|b| {
        let name = match b
            .get("cci")
            .and_then(Value::as_str)
            .and_then(|c| cci::decode_b64(c).ok())
        {
            Some(d) => Some(SimState::vc_name(d.fields.get("name"))?),
            None => None,
        };
        sh.write(|st, _, _| {
            let vc = st
                .vcs
                .iter_mut()
                .find(|v| v.vcid == vcid)
                .ok_or((404, format!("{}: VCPNotFoundException: {vcid}", stamp())))?;
            if let Some(n) = name {
                vc.name = n;
            }
            Ok(())
        })
    });
    match r {
        Ok(()) => accepted(json!({})),
        Err(e) => refused(e),
    }
}

async fn patch_vc(State(sh): S, Path(vcid): Path<String>, body: String) -> Response {
    let r = body_json(&body).and_then(|b| {
        let owner = b.get("owner").and_then(Value::as_str).map(str::to_string);
        sh.write(|st, _, _| {
            let vc = st
                .vcs
                .iter_mut()
                .find(|v| v.vcid == vcid)
                .ok_or((404, format!("{}: VCPNotFoundException: {vcid}", stamp())))?;
            if let Some(o) = owner {
                vc.owner = Some(o);
            }
            Ok(())
        })
    });
    match r {
        Ok(()) => accepted(json!({})),
        Err(e) => refused(e),
    }
}

async fn get_unit(State(sh): S, Path((vcid, unit)): Path<(String, String)>) -> Response {
    let u = sh.read(|st| {
        let vc = st.vcs.iter().find(|v| v.vcid == vcid)?;
        vc.units
            .iter()
            .find(|u| u.name == unit)
            .map(|u| st.render_unit(vc, u))
    });
    match u {
        Some(u) => axum::Json(u).into_response(),
        None => message(
            404,
            format!(
                "{}: VCPNotFoundException: {vcid}:{unit}: unit not found",
                stamp()
            ),
        ),
    }
}

async fn add_nodes(
    State(sh): S,
    Path((vcid, unit)): Path<(String, String)>,
    body: String,
) -> Response {
    let r = body_json(&body).and_then(|b| {
        let ips: Vec<String> = b
            .get("ip_address_list")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        let macs: Vec<String> = b
            .get("mac_address_list")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        let invalid = |m: String| (400, format!("{}: VCPValidationException: {m}", stamp()));
        if !ips.is_empty() && !macs.is_empty() && ips.len() != macs.len() {
            return Err(invalid(
                "mac_address_list and ip_address_list has element but their length are different"
                    .into(),
            ));
        }
        if let Some((m, why)) = macs.iter().find_map(|m| {
            crate::vcc::names::mac_problem_in(crate::i18n::Lang::En, m).map(|w| (m, w))
        }) {
            return Err(invalid(format!("invalid mac address [{m}]: {why}")));
        }
        let n = b
            .get("num_nodes")
            .and_then(Value::as_i64)
            .unwrap_or(ips.len().max(macs.len()).max(1) as i64);
        sh.write(|st, rules, now| {
            if sh.one_boot_per_group {
                st.refuse_while_booting(&vcid)?;
            }
            st.grow(rules, &vcid, &unit, n.max(ips.len() as i64), &ips, now)
        })
    });
    match r {
        Ok(()) => accepted(json!({})),
        Err(e) => refused(e),
    }
}

async fn delete_unit(
    State(sh): S,
    Path((vcid, unit)): Path<(String, String)>,
    body: String,
) -> Response {
    let r = body_json(&body).and_then(|b| {
        let force = force(&b);
        sh.write(|st, rules, now| st.delete_unit(rules, &vcid, &unit, force, now))
    });
    match r {
        Ok(()) => accepted(json!({})),
        Err(e) => refused(e),
    }
}

async fn get_node(
    State(sh): S,
    Path((vcid, unit, nid)): Path<(String, String, String)>,
) -> Response {
    let n = sh.read(|st| {
        let vc = st.vcs.iter().find(|v| v.vcid == vcid)?;
        let u = st.render_unit(vc, vc.units.iter().find(|u| u.name == unit)?);
        let node = u
            .nodes
            .iter()
            .flatten()
            .find(|n| n.node_id == nid)
            .map(|n| serde_json::to_value(n).unwrap_or_default());
        node.or_else(|| {
            u.disks
                .iter()
                .flatten()
                .find(|d| d.disk_id == nid)
                .map(|d| serde_json::to_value(d).unwrap_or_default())
        })
    });
    match n {
        Some(v) => axum::Json(v).into_response(),
        None => message(
            404,
            format!(
                "{}: VCPNotFoundException: {vcid}:{unit}:{nid}: node not found",
                stamp()
            ),
        ),
    }
}

async fn delete_node(
    State(sh): S,
    Path((vcid, unit, nid)): Path<(String, String, String)>,
) -> Response {
    match sh
        .write(|st, rules, now| st.node_op(rules, &vcid, &unit, &nid, NodeOp::Delete.as_str(), now))
    {
        Ok(()) => accepted(json!({})),
        Err(e) => refused(e),
    }
}

async fn unit_op(State(sh): S, Path((vcid, unit, op)): Path<(String, String, String)>) -> Response {
    match sh.write(|st, rules, now| st.unit_op(rules, &vcid, &unit, &op, now)) {
        Ok(()) => accepted(json!({})),
        Err(e) => refused(e),
    }
}

async fn node_op(
    State(sh): S,
    Path((vcid, unit, nid, op)): Path<(String, String, String, String)>,
) -> Response {
    match sh.write(|st, rules, now| st.node_op(rules, &vcid, &unit, &nid, &op, now)) {
        Ok(()) => accepted(json!({})),
        Err(e) => refused(e),
    }
}

/// `GET …/{nid}/backup` (the SDK's backup is a GET answered 202) for a compute node that
/// exists; 404 for anything that does not.
async fn node_get_op(
    State(sh): S,
    Path((vcid, unit, nid, op)): Path<(String, String, String, String)>,
) -> Response {
    if op != "backup" {
        return message(
            405,
            format!("{}: VCPValidationException: GET {op} not allowed", stamp()),
        );
    }
    let found = sh.read(|st| {
        let vc = st.vcs.iter().find(|v| v.vcid == vcid)?;
        let u = vc.units.iter().find(|u| u.name == unit)?;
        u.members.iter().find(|m| m.id == nid).map(|_| vc.kind)
    });
    match found {
        Some(UgroupKind::Compute) => accepted(json!({})),
        Some(UgroupKind::Storage) => message(
            400,
            format!(
                "{}: VCPValidationException: backup only compute node",
                stamp()
            ),
        ),
        None => message(
            404,
            format!(
                "{}: VCPNotFoundException: {vcid}:{unit}:{nid}: node not found",
                stamp()
            ),
        ),
    }
}
