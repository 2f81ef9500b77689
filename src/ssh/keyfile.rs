//! SSH key files as a run's parameters name them: the public key file must hold OpenSSH public
//! keys only, the private key file a private key, and the two must match. Private key material
//! is recognised wherever it appears — raw, or base64-encoded as in a CCI's `AUTHORIZED_KEYS=` —
//! so that it is never put into anything sent to the VCC or written to a log.
use base64::Engine as _;
use std::path::{Path, PathBuf};

/// Texts that only private key files hold (OpenSSH, PEM/PKCS#1/PKCS#8, PuTTY, SSH.com).
const MARKERS: &[&[u8]] = &[
    b"PRIVATE KEY-----",
    b"openssh-key-v1",
    b"PuTTY-User-Key-File",
    b"SSH2 ENCRYPTED PRIVATE KEY",
];

fn raw_marker(bytes: &[u8]) -> bool {
    MARKERS
        .iter()
        .any(|m| bytes.windows(m.len()).any(|w| w == *m))
}

/// Base64 runs of `text` decoded (standard or URL-safe alphabet, padding and trailing bits
/// ignored); runs shorter than 16 characters are skipped.
fn decoded_runs(text: &[u8]) -> Vec<Vec<u8>> {
    let cfg = base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let std = base64::engine::GeneralPurpose::new(&base64::alphabet::STANDARD, cfg);
    let url = base64::engine::GeneralPurpose::new(&base64::alphabet::URL_SAFE, cfg);
    let mut out = Vec::new();
    // wrapped base64 (PEM bodies, `base64` output) is joined across line breaks
    let joined: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| *b != b'\n' && *b != b'\r')
        .collect();
    for run in
        joined.split(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_')))
    {
        if run.len() < 16 {
            continue;
        }
        // try each alignment: a marker may start anywhere in the run
        for skip in 0..4.min(run.len()) {
            let r = &run[skip..];
            let r = &r[..r.len() - r.len() % 4];
            if let Ok(d) = std.decode(r).or_else(|_| url.decode(r)) {
                out.push(d);
            }
        }
    }
    out
}

/// Whether `text` holds private key material: a private key file's markers, raw or inside
/// base64 (up to two levels of encoding).
pub fn holds_private_key(text: &str) -> bool {
    fn scan(bytes: &[u8], depth: u8) -> bool {
        if raw_marker(bytes) {
            return true;
        }
        depth > 0 && decoded_runs(bytes).iter().any(|d| scan(d, depth - 1))
    }
    scan(text.as_bytes(), 2)
}

/// What a key file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    /// OpenSSH public key lines (`type base64 [comment]`), as in a `.pub` or authorized_keys.
    Public,
    /// A private key; `encrypted` when it needs a passphrase to be used.
    Private { encrypted: bool },
}

/// A key file, inspected without any passphrase.
#[derive(Debug, Clone)]
pub struct KeyFile {
    pub path: PathBuf,
    pub kind: KeyKind,
    /// `type base64` of its (first) public key; `None` for a legacy encrypted PEM key, whose
    /// public part is encrypted too.
    pub public: Option<String>,
}

/// Why a key file cannot be used. The text never includes the file's content.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum KeyFileError {
    #[error("{}", crate::t!("ssh-keyfile-read", path = path.display().to_string(), problem = message.as_str()))]
    #[diagnostic(code = "cwh::ssh::keyfile", help("{}", create_advice(path)))]
    Read { path: PathBuf, message: String },
    #[error("{}", crate::t!("ssh-keyfile-garbage", path = path.display().to_string(), reason = reason.as_str()))]
    #[diagnostic(
        code = "cwh::ssh::keyfile",
        help("{}", crate::t!("ssh-keyfile-garbage-help"))
    )]
    Garbage { path: PathBuf, reason: String },
    #[error("{}", crate::t!("ssh-keyfile-private-not-public", path = path.display().to_string()))]
    #[diagnostic(
        code = "cwh::ssh::private_key",
        help("{}", crate::t!("ssh-keyfile-private-not-public-help"))
    )]
    PrivateNotPublic { path: PathBuf },
}

/// What to do about a key file that is not there: for a missing `.pub` whose private key
/// exists, write the public half from it (never generate that private key again: it would
/// overwrite the key the nodes know); for a missing pair, generate one whose type matches the
/// file's name (`id_rsa` → RSA, anything else → Ed25519) at that name.
pub fn create_advice(path: &Path) -> String {
    let shown = path.display().to_string();
    if let Some(private) = shown.strip_suffix(".pub") {
        if Path::new(private).is_file() {
            return crate::t!(
                "ssh-advice-derive-public",
                private = private,
                public = shown.as_str()
            );
        }
        return crate::t!(
            "ssh-advice-new-pair",
            command = keygen_command(Path::new(private)),
            private = private,
            public = shown.as_str()
        );
    }
    if Path::new(&format!("{shown}.pub")).is_file() {
        return crate::t!(
            "ssh-advice-private-of-pair",
            private = shown.as_str(),
            command = keygen_command(path)
        );
    }
    crate::t!(
        "ssh-advice-new-pair",
        command = keygen_command(path),
        private = shown.as_str(),
        public = format!("{shown}.pub")
    )
}

/// The `ssh-keygen` command that creates a pair at `private`, of the type its name says.
pub fn keygen_command(private: &Path) -> String {
    let name = private
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // the type the name says (ed25519 before rsa: `id_ed25519_rsa_hosts` is Ed25519); a name
    // that says none gets Ed25519, and an RSA name is never given another type
    let kind = if name.contains("ed25519") {
        "-t ed25519"
    } else if name.contains("ecdsa") {
        "-t ecdsa"
    } else if name.contains("rsa") || name.contains("dsa") {
        // DSA keys are no longer made by OpenSSH: RSA, the notebooks' type, at the user's path
        "-t rsa -b 4096"
    } else {
        "-t ed25519"
    };
    format!("ssh-keygen {kind} -f {}", private.display())
}

fn public_text(k: &russh::keys::PublicKey) -> Option<String> {
    let t = k.to_openssh().ok()?;
    Some(t.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
}

/// Inspect a key file without asking for a passphrase.
pub fn inspect(path: &Path) -> Result<KeyFile, KeyFileError> {
    let bytes = std::fs::read(path).map_err(|e| KeyFileError::Read {
        path: path.to_path_buf(),
        message: crate::ssh::session::io_reason(&e),
    })?;
    let garbage = |reason: &str| KeyFileError::Garbage {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(garbage(&crate::t!("ssh-keyfile-binary")));
    };
    let file = |kind, public| KeyFile {
        path: path.to_path_buf(),
        kind,
        public,
    };
    if holds_private_key(&text) {
        if let Ok(k) = russh::keys::PrivateKey::from_openssh(text.trim()) {
            let encrypted = k.is_encrypted();
            return Ok(file(
                KeyKind::Private { encrypted },
                public_text(k.public_key()),
            ));
        }
        return match russh::keys::decode_secret_key(&text, None) {
            Ok(k) => Ok(file(
                KeyKind::Private { encrypted: false },
                public_text(k.public_key()),
            )),
            Err(russh::keys::Error::KeyIsEncrypted) => {
                Ok(file(KeyKind::Private { encrypted: true }, None))
            }
            Err(e) => Err(garbage(&crate::t!(
                "ssh-keyfile-unreadable-private",
                problem = e.to_string()
            ))),
        };
    }
    let mut first = None;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        match russh::keys::PublicKey::from_openssh(l) {
            Ok(k) => {
                if first.is_none() {
                    first = public_text(&k);
                }
            }
            Err(_) => {
                return Err(garbage(&crate::t!("ssh-keyfile-bad-line", line = i + 1)));
            }
        }
    }
    match first {
        Some(p) => Ok(file(KeyKind::Public, Some(p))),
        None => Err(garbage(&crate::t!("ssh-keyfile-empty"))),
    }
}

/// The text of a public key file, for `AUTHORIZED_KEYS`: refused unless every line is an
/// OpenSSH public key and nothing in it is private key material.
pub fn read_public(path: &Path) -> Result<String, KeyFileError> {
    let text = std::fs::read(path).map_err(|e| KeyFileError::Read {
        path: path.to_path_buf(),
        message: crate::ssh::session::io_reason(&e),
    })?;
    if holds_private_key(&String::from_utf8_lossy(&text)) {
        return Err(KeyFileError::PrivateNotPublic {
            path: path.to_path_buf(),
        });
    }
    if inspect(path)?.kind != KeyKind::Public {
        return Err(KeyFileError::PrivateNotPublic {
            path: path.to_path_buf(),
        });
    }
    Ok(String::from_utf8_lossy(&text).into_owned())
}

/// Why [`public_key`] cannot give a file's public key. The text never includes the file's
/// content.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(
    code = "cwh::ssh::key",
    help("{}", crate::t!("ssh-public-key-help"))
)]
pub struct PublicKeyError {
    pub message: String,
}

/// The public key (`type base64`, no comment) of an OpenSSH public or private key file.
/// `passphrase` is asked only for a legacy PEM key that is encrypted (its public half is
/// encrypted too).
pub fn public_key(
    path: &Path,
    passphrase: &dyn Fn() -> Option<String>,
) -> Result<String, PublicKeyError> {
    let err = |e: &dyn std::fmt::Display| PublicKeyError {
        message: e.to_string(),
    };
    let k = inspect(path).map_err(|e| err(&e))?;
    if let Some(public) = k.public {
        return Ok(public);
    }
    let Some(pass) = passphrase() else {
        return Err(err(&encrypted_without_passphrase("key", path)));
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(&e))?;
    let key = russh::keys::decode_secret_key(&text, Some(&pass)).map_err(|_| {
        err(&crate::t!(
            "ssh-keyfile-wrong-passphrase",
            path = path.display().to_string()
        ))
    })?;
    let t = key.public_key().to_openssh().map_err(|e| err(&e))?;
    Ok(t.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
}

/// One side of a pair: the parameter's name and its path.
#[derive(Clone, Copy)]
pub struct Named<'a> {
    pub name: &'a str,
    pub path: &'a Path,
}

/// The outcome of [`check_pair`].
#[derive(Debug, Clone)]
pub struct Pair {
    /// `type base64` of the public key.
    pub public: String,
    /// The private key needs a passphrase.
    pub encrypted: bool,
}

/// A key file's problem with its fix (for a missing file, what [`create_advice`] says).
fn with_fix(e: &KeyFileError) -> String {
    use miette::Diagnostic;
    match e.help() {
        Some(h) => crate::t!(
            "ssh-message-fix",
            message = e.to_string(),
            fix = h.to_string()
        ),
        None => e.to_string(),
    }
}

/// Check that `public` holds a public key, `private` a private key, and that they match.
/// `passphrase` is asked only for a legacy PEM key whose public half is encrypted too. Every
/// problem is returned, each naming its parameter and the fix.
pub fn check_pair(
    public: Named,
    private: Named,
    passphrase: &dyn Fn() -> Option<String>,
) -> Result<Pair, Vec<String>> {
    let mut problems = Vec::new();
    let pb = inspect(public.path);
    let pv = inspect(private.path);
    let swapped = matches!(
        (&pb, &pv),
        (
            Ok(KeyFile {
                kind: KeyKind::Private { .. },
                ..
            }),
            Ok(KeyFile {
                kind: KeyKind::Public,
                ..
            })
        )
    );
    if swapped {
        problems.push(crate::t!(
            "ssh-pair-swapped",
            public_name = public.name,
            private_name = private.name,
            public = public.path.display().to_string(),
            private = private.path.display().to_string()
        ));
        return Err(problems);
    }
    // private key material in any form, where only public keys belong
    let private_in_public =
        std::fs::read(public.path).is_ok_and(|b| holds_private_key(&String::from_utf8_lossy(&b)));
    let pb = match pb {
        Ok(k) if k.kind == KeyKind::Public && !private_in_public => Some(k),
        Err(e) if !private_in_public => {
            problems.push(crate::t!(
                "ssh-pair-parameter",
                name = public.name,
                problem = with_fix(&e)
            ));
            None
        }
        _ => {
            problems.push(crate::t!(
                "ssh-pair-private-in-public",
                name = public.name,
                path = public.path.display().to_string(),
                private = private.path.display().to_string()
            ));
            None
        }
    };
    let pv = match pv {
        Ok(k) if k.kind != KeyKind::Public => Some(k),
        Ok(_) => {
            let stem = private.path.display().to_string();
            problems.push(crate::t!(
                "ssh-pair-public-in-private",
                name = private.name,
                path = stem.as_str(),
                example = stem.strip_suffix(".pub").unwrap_or("~/.ssh/id_ed25519")
            ));
            None
        }
        Err(e) => {
            problems.push(crate::t!(
                "ssh-pair-parameter",
                name = private.name,
                problem = with_fix(&e)
            ));
            None
        }
    };
    let (Some(pb), Some(pv)) = (pb, pv) else {
        return Err(problems);
    };
    let encrypted = matches!(pv.kind, KeyKind::Private { encrypted: true });
    let derived = match pv.public.clone() {
        Some(p) => p,
        None => {
            // legacy encrypted PEM: only the passphrase reveals the public half
            let Some(pass) = passphrase() else {
                return Err(vec![encrypted_without_passphrase(
                    private.name,
                    private.path,
                )]);
            };
            let text = std::fs::read_to_string(private.path).unwrap_or_default();
            match russh::keys::decode_secret_key(&text, Some(&pass)) {
                Ok(k) => public_text(k.public_key()).unwrap_or_default(),
                Err(_) => {
                    return Err(vec![crate::t!(
                        "ssh-pair-wrong-passphrase",
                        name = private.name,
                        path = private.path.display().to_string()
                    )]);
                }
            }
        }
    };
    let public_key = pb.public.unwrap_or_default();
    if derived != public_key {
        return Err(vec![crate::t!(
            "ssh-pair-mismatch",
            private_name = private.name,
            public_name = public.name,
            private = private.path.display().to_string(),
            public = public.path.display().to_string()
        )]);
    }
    Ok(Pair {
        public: public_key,
        encrypted,
    })
}

/// Every problem with a key pair given as parameters (`[]`: fine): those of [`check_pair`],
/// then, for an encrypted private key, whether it is usable now (see [`encrypted_problems`];
/// ssh-agent counts when `SSH_AUTH_SOCK` is set).
pub fn pair_problems(
    public: Named,
    private: Named,
    passphrase: &dyn Fn() -> Option<String>,
) -> Vec<String> {
    match check_pair(public, private, passphrase) {
        Err(p) => p,
        Ok(pair) if pair.encrypted => encrypted_problems(
            private.name,
            private.path,
            passphrase(),
            std::env::var_os("SSH_AUTH_SOCK").is_some(),
        ),
        Ok(_) => vec![],
    }
}

/// An encrypted private key is usable with its passphrase (checked now, so a wrong one stops
/// the run before anything is created) or through ssh-agent (`agent`).
pub fn encrypted_problems(
    name: &str,
    path: &Path,
    passphrase: Option<String>,
    agent: bool,
) -> Vec<String> {
    match passphrase {
        Some(pass) => {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            match russh::keys::decode_secret_key(&text, Some(&pass)) {
                Ok(_) => vec![],
                Err(_) => vec![crate::t!(
                    "ssh-pair-passphrase-does-not-decrypt",
                    name = name,
                    path = path.display().to_string()
                )],
            }
        }
        None if agent => vec![],
        None => vec![encrypted_without_passphrase(name, path)],
    }
}

/// The message for an encrypted private key and no way to decrypt it.
pub fn encrypted_without_passphrase(name: &str, path: &Path) -> String {
    crate::t!(
        "ssh-pair-encrypted-no-passphrase",
        name = name,
        path = path.display().to_string()
    )
}

#[cfg(test)]
mod tests {

    #[test]
    fn advice_for_missing_key_files_fits_the_file() {
        let d = tempfile::tempdir().unwrap();
        let rsa = d.path().join("id_rsa");
        // a missing pair named id_rsa: an RSA pair, not an Ed25519 key under an RSA name
        let a = create_advice(&rsa);
        assert!(a.contains("ssh-keygen -t rsa -b 4096 -f"), "{a}");
        assert!(!a.contains("ed25519"), "{a}");
        let a = create_advice(&d.path().join("id_ed25519.pub"));
        assert!(a.contains("ssh-keygen -t ed25519 -f"), "{a}");
        // a missing .pub beside its private key: write the public half, never a new key
        std::fs::write(&rsa, "x").unwrap();
        let a = create_advice(&d.path().join("id_rsa.pub"));
        assert!(a.contains("ssh-keygen -y -f"), "{a}");
        assert!(!a.contains("-t rsa"), "{a}");
    }

    /// A missing private key: a new pair of the type its name says, at the user's own path;
    /// never an Ed25519 key under an RSA name.
    #[test]
    fn a_missing_private_key_gets_a_pair_of_the_type_its_name_says() {
        let d = tempfile::tempdir().unwrap();
        for (name, kind) in [
            ("id_rsa", "-t rsa -b 4096"),
            ("id_dsa", "-t rsa -b 4096"),
            ("id_ecdsa", "-t ecdsa"),
            ("id_ed25519", "-t ed25519"),
            ("hub_key", "-t ed25519"),
        ] {
            let p = d.path().join(name);
            let a = create_advice(&p);
            let want = format!("ssh-keygen {kind} -f {}", p.display());
            assert!(a.contains(&want), "{name}: {a}");
            assert_eq!(a.matches("ssh-keygen").count(), 1, "{a}");
            if name.contains("rsa") {
                assert!(!a.contains("ed25519"), "{a}");
            }
        }
        // the user's path as given (not expanded), .pub beside it
        let a = create_advice(Path::new("~/.ssh/id_rsa"));
        assert!(
            a.contains("`ssh-keygen -t rsa -b 4096 -f ~/.ssh/id_rsa`"),
            "{a}"
        );
        assert!(!a.contains("-t ed25519"), "{a}");
        // only the .pub of the pair is there: still the private key's own type
        let rsa = d.path().join("id_rsa");
        std::fs::write(d.path().join("id_rsa.pub"), "ssh-rsa AAAA x\n").unwrap();
        let a = create_advice(&rsa);
        assert!(a.contains("ssh-keygen -t rsa -b 4096 -f"), "{a}");
        assert!(!a.contains("ed25519"), "{a}");
        // the same advice in the help of the SSH core's error for a missing `key`
        use miette::Diagnostic;
        let e = crate::ssh::SshError::KeyRead {
            path: d.path().join("id_ecdsa"),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        let help = e.help().map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("ssh-keygen -t ecdsa -f"), "{help}");
    }

    /// A missing `.pub` beside its private key: derive it (`ssh-keygen -y -f PRIVATE >
    /// PRIVATE.pub`), never generate the private key again (it would replace the key the nodes
    /// know).
    #[test]
    fn a_missing_public_key_is_derived_from_its_private_key() {
        let d = tempfile::tempdir().unwrap();
        for name in ["id_rsa", "id_ed25519", "hub_key"] {
            let private = d.path().join(name);
            std::fs::write(&private, "x").unwrap();
            let public = d.path().join(format!("{name}.pub"));
            let a = create_advice(&public);
            let want = format!(
                "`ssh-keygen -y -f {} > {}`",
                private.display(),
                public.display()
            );
            assert!(a.contains(&want), "{a}");
            assert!(!a.contains("ssh-keygen -t"), "{a}");
            for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Ja] {
                let m = crate::i18n::message_in(
                    lang,
                    "ssh-advice-derive-public",
                    &[
                        ("private", private.display().to_string().into()),
                        ("public", public.display().to_string().into()),
                    ],
                );
                assert!(m.contains(&want) && !m.contains("-t "), "{m}");
            }
        }
        // the .pub and its private key both missing: a new pair, its two files named
        let a = create_advice(&d.path().join("gone_rsa.pub"));
        assert!(a.contains("ssh-keygen -t rsa -b 4096 -f"), "{a}");
        assert!(!a.contains("-y"), "{a}");
    }
    use super::*;

    fn keygen(dir: &Path, name: &str, pass: &str) -> PathBuf {
        let p = dir.join(name);
        let st = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", pass, "-C", "t", "-f"])
            .arg(&p)
            .status()
            .expect("ssh-keygen");
        assert!(st.success());
        p
    }

    #[test]
    fn markers_raw_and_base64() {
        let pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
        assert!(holds_private_key(pem));
        let b = base64::engine::general_purpose::STANDARD.encode(pem);
        assert!(holds_private_key(&format!("AUTHORIZED_KEYS={b}")));
        // twice encoded, and wrapped
        let b2 = base64::engine::general_purpose::STANDARD.encode(&b);
        assert!(holds_private_key(&b2));
        let wrapped: String = b
            .as_bytes()
            .chunks(64)
            .map(|c| format!("{}\n", String::from_utf8_lossy(c)))
            .collect();
        assert!(holds_private_key(&wrapped));
        assert!(holds_private_key("-----BEGIN RSA PRIVATE KEY-----"));
        assert!(holds_private_key("PuTTY-User-Key-File-3: ssh-ed25519"));
        let public = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGd1yDvQZ8X2ssm9W1mI8U2qL0Qp6v4DzAjsx2v9k9Yf me@host";
        assert!(!holds_private_key(public));
        let pb = base64::engine::general_purpose::STANDARD.encode(public);
        assert!(!holds_private_key(&format!("AUTHORIZED_KEYS={pb}")));
    }

    #[test]
    fn pairs_swapped_mismatched_garbage_encrypted() {
        let d = tempfile::tempdir().unwrap();
        let a = keygen(d.path(), "a", "");
        let b = keygen(d.path(), "b", "");
        let e = keygen(d.path(), "e", "secret pass");
        let pubf = |p: &Path| p.with_extension("pub");
        fn n<'a>(name: &'a str, path: &'a Path) -> Named<'a> {
            Named { name, path }
        }
        let none = || None;
        // the pair
        let ok = check_pair(n("pub", &pubf(&a)), n("priv", &a), &none).unwrap();
        assert!(!ok.encrypted && ok.public.starts_with("ssh-ed25519 "));
        // swapped
        let err = check_pair(n("pub", &a), n("priv", &pubf(&a)), &none).unwrap_err();
        assert!(err[0].contains("swapped"), "{err:?}");
        // mismatched
        let err = check_pair(n("pub", &pubf(&b)), n("priv", &a), &none).unwrap_err();
        assert!(err[0].contains("does not match"), "{err:?}");
        // a private key as both
        let err = check_pair(n("pub", &a), n("priv", &a), &none).unwrap_err();
        assert!(err[0].contains("holds a PRIVATE key"), "{err:?}");
        // garbage
        let g = d.path().join("g");
        std::fs::write(&g, "hello\n").unwrap();
        let err = check_pair(n("pub", &g), n("priv", &a), &none).unwrap_err();
        assert!(err[0].contains("not an SSH key file"), "{err:?}");
        let err = check_pair(n("pub", &pubf(&a)), n("priv", &g), &none).unwrap_err();
        assert!(err[0].contains("parameter priv"), "{err:?}");
        // encrypted OpenSSH keys match without their passphrase, and say they are encrypted
        let asked = std::cell::Cell::new(false);
        let ask = || {
            asked.set(true);
            None
        };
        let ok = check_pair(n("pub", &pubf(&e)), n("priv", &e), &ask).unwrap();
        assert!(ok.encrypted);
        assert!(!asked.get(), "asked for a passphrase it did not need");
        // a public key file with private material is refused by read_public
        assert!(read_public(&pubf(&a)).is_ok());
        assert!(matches!(
            read_public(&a),
            Err(KeyFileError::PrivateNotPublic { .. })
        ));
        // missing
        let err =
            check_pair(n("pub", &d.path().join("nope.pub")), n("priv", &a), &none).unwrap_err();
        assert!(err[0].contains("cannot read key file"), "{err:?}");
        // a missing .pub beside its private key: derived, not generated again
        let err = check_pair(n("pub", &pubf(&b)), n("priv", &b), &none);
        assert!(err.is_ok());
        std::fs::remove_file(pubf(&b)).unwrap();
        let err = check_pair(n("pub", &pubf(&b)), n("priv", &b), &none).unwrap_err();
        let want = format!("ssh-keygen -y -f {} > {}", b.display(), pubf(&b).display());
        assert!(err[0].contains(&want), "{err:?}");
        assert!(!err[0].contains("ssh-keygen -t"), "{err:?}");
    }

    #[test]
    fn public_key_of_public_private_and_encrypted_files() {
        let d = tempfile::tempdir().unwrap();
        let a = keygen(d.path(), "a", "");
        let e = keygen(d.path(), "e", "secret pass");
        let never = || -> Option<String> { panic!("asked for a passphrase it did not need") };
        let public = public_key(&a.with_extension("pub"), &never).unwrap();
        assert!(public.starts_with("ssh-ed25519 ") && !public.ends_with(" t"));
        assert_eq!(public_key(&a, &never).unwrap(), public);
        // an encrypted OpenSSH key shows its public half without the passphrase
        let pe = public_key(&e, &never).unwrap();
        assert_eq!(pe, public_key(&e.with_extension("pub"), &never).unwrap());
        let g = d.path().join("g");
        std::fs::write(&g, "hello\n").unwrap();
        let err = public_key(&g, &never).unwrap_err();
        assert!(err.message.contains("not an SSH key file"), "{err}");
        let err = public_key(&d.path().join("nope"), &never).unwrap_err();
        assert!(err.message.contains("cannot read key file"), "{err}");
        use miette::Diagnostic;
        assert_eq!(err.code().unwrap().to_string(), "cwh::ssh::key");
    }

    #[test]
    fn an_encrypted_key_is_usable_with_its_passphrase_or_an_agent() {
        let d = tempfile::tempdir().unwrap();
        let e = keygen(d.path(), "e", "secret pass");
        let p = |pass: Option<&str>, agent| {
            encrypted_problems("priv", &e, pass.map(str::to_string), agent)
        };
        assert!(p(Some("secret pass"), false).is_empty());
        let wrong = p(Some("wrong"), true);
        assert!(
            wrong[0].starts_with("parameter priv: the passphrase given"),
            "{wrong:?}"
        );
        assert!(wrong[0].contains("does not decrypt"), "{wrong:?}");
        assert!(p(None, true).is_empty());
        let none = p(None, false);
        assert_eq!(none, vec![encrypted_without_passphrase("priv", &e)]);
        // a plain pair has no problem, and no passphrase is asked for
        let a = keygen(d.path(), "a", "");
        let named = |name, path| Named { name, path };
        let never = || -> Option<String> { panic!("asked for a passphrase it did not need") };
        let pb = a.with_extension("pub");
        assert!(pair_problems(named("pub", &pb), named("priv", &a), &never).is_empty());
        let swapped = pair_problems(named("pub", &a), named("priv", &pb), &never);
        assert!(swapped[0].contains("swapped"), "{swapped:?}");
    }
}
