//! A small `~/.ssh/config` reader: `Host` blocks (globs, `!` negation), and the keywords cwh
//! uses — `HostName`, `User`, `Port`, `IdentityFile`, `ProxyJump`. First value wins as in
//! OpenSSH; `IdentityFile` accumulates. `Match` blocks and `Include` are not evaluated (their
//! settings are ignored).
use super::error::SshError;
use std::path::{Path, PathBuf};

/// What `~/.ssh/config` says about one host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostConfig {
    /// `HostName`: the real address to connect to.
    pub hostname: Option<String>,
    /// `User`.
    pub user: Option<String>,
    /// `Port`.
    pub port: Option<u16>,
    /// `IdentityFile`s, `~` expanded, in order.
    pub identity_files: Vec<PathBuf>,
    /// `ProxyJump` (`[user@]host[:port]`, first hop only); `none` gives `None`.
    pub proxy_jump: Option<String>,
}

/// `~/.ssh/config`.
pub fn default_path() -> PathBuf {
    dirs::home_dir()
        .unwrap_or_else(|| PathBuf::from("/"))
        .join(".ssh")
        .join("config")
}

/// Expand a leading `~` or `~/` to the home directory.
pub fn expand_tilde(p: &str) -> PathBuf {
    PathBuf::from(crate::files::expand_home(p))
}

fn glob(p: &[u8], t: &[u8]) -> bool {
    match p.split_first() {
        None => t.is_empty(),
        Some((b'*', r)) => (0..=t.len()).any(|i| glob(r, &t[i..])),
        Some((b'?', r)) => !t.is_empty() && glob(r, &t[1..]),
        Some((c, r)) => t
            .split_first()
            .is_some_and(|(x, tr)| x.eq_ignore_ascii_case(c) && glob(r, tr)),
    }
}

fn host_matches(patterns: &[&str], host: &str) -> bool {
    let mut hit = false;
    for p in patterns {
        if let Some(n) = p.strip_prefix('!') {
            if glob(n.as_bytes(), host.as_bytes()) {
                return false;
            }
        } else if glob(p.as_bytes(), host.as_bytes()) {
            hit = true;
        }
    }
    hit
}

/// Read the settings for `host` from `path`; a missing file gives empty settings.
pub fn load(path: &Path, host: &str) -> Result<HostConfig, SshError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path, host),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(HostConfig::default()),
        Err(e) => Err(SshError::Config {
            path: path.to_path_buf(),
            line: 0,
            message: e.to_string(),
        }),
    }
}

/// Parse config text for `host` (`path` is only used in error messages).
pub fn parse(text: &str, path: &Path, host: &str) -> Result<HostConfig, SshError> {
    let mut cfg = HostConfig::default();
    let mut active = true;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = match line.split_once(|c: char| c.is_whitespace() || c == '=') {
            Some((k, v)) => (k, v.trim().trim_start_matches('=').trim()),
            None => (line, ""),
        };
        let value = value.trim_matches('"');
        let err = |message: String| SshError::Config {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        match key.to_ascii_lowercase().as_str() {
            "host" => {
                let pats: Vec<&str> = value.split_whitespace().collect();
                active = host_matches(&pats, host);
            }
            "match" => active = false,
            _ if !active => {}
            "hostname" => {
                cfg.hostname
                    .get_or_insert_with(|| value.replace("%h", host).replace("%%", "%"));
            }
            "user" => {
                cfg.user.get_or_insert_with(|| value.to_string());
            }
            "port" if cfg.port.is_none() => {
                let port = value
                    .parse()
                    .map_err(|_| err(crate::t!("ssh-config-bad-port", value = value)))?;
                cfg.port = Some(port);
            }
            "identityfile" => {
                let v = value.replace("%h", host).replace("%%", "%");
                cfg.identity_files.push(expand_tilde(&v));
            }
            "proxyjump" if cfg.proxy_jump.is_none() => {
                let first = value.split(',').next().unwrap_or("").trim();
                cfg.proxy_jump = Some(first.to_string());
            }
            _ => {}
        }
    }
    if cfg
        .proxy_jump
        .as_deref()
        .is_some_and(|p| p.eq_ignore_ascii_case("none") || p.is_empty())
    {
        cfg.proxy_jump = None;
    }
    Ok(cfg)
}

/// Split `[user@]host[:port]` (also `ssh://user@host:port`).
pub fn split_destination(spec: &str) -> (Option<String>, String, Option<u16>) {
    let s = spec.strip_prefix("ssh://").unwrap_or(spec);
    let (user, rest) = match s.rsplit_once('@') {
        Some((u, r)) => (Some(u.to_string()), r),
        None => (None, s),
    };
    if let Some(inner) = rest.strip_prefix('[')
        && let Some((h, tail)) = inner.split_once(']')
    {
        let port = tail.strip_prefix(':').and_then(|p| p.parse().ok());
        return (user, h.to_string(), port);
    }
    match rest.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => match p.parse() {
            Ok(port) => (user, h.to_string(), Some(port)),
            Err(_) => (user, rest.to_string(), None),
        },
        _ => (user, rest.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_value_wins_and_identity_accumulates() {
        let text = "User global\nHost 10.0.*  !10.0.0.9\n  User vcp\n  Port=2222\n  IdentityFile ~/.ssh/a\n  ProxyJump jump@bastion:2200,other\nHost *\n  User other\n  IdentityFile /k/b\nMatch all\n  User nope\n";
        let p = Path::new("cfg");
        let c = parse(text, p, "10.0.0.5").unwrap();
        assert_eq!(c.user.as_deref(), Some("global"));
        assert_eq!(c.port, Some(2222));
        assert_eq!(c.identity_files.len(), 2);
        assert_eq!(c.proxy_jump.as_deref(), Some("jump@bastion:2200"));
        let c = parse(text, p, "10.0.0.9").unwrap();
        assert_eq!(c.port, None);
        assert_eq!(c.identity_files, vec![PathBuf::from("/k/b")]);
        let e = parse("Host x\n Port abc\n", p, "x").unwrap_err();
        assert!(e.to_string().contains("cfg:2"), "{e}");
    }

    #[test]
    fn destinations() {
        assert_eq!(
            split_destination("u@h:22"),
            (Some("u".into()), "h".into(), Some(22))
        );
        assert_eq!(split_destination("h"), (None, "h".into(), None));
        assert_eq!(split_destination("[::1]:2"), (None, "::1".into(), Some(2)));
    }
}
