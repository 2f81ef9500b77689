//! The key pair cwh makes for `--sim`/`--lab` runs (`<workdir>/.cwh/lab_id_ed25519`): an
//! OpenSSH ed25519 pair generated in-process (no ssh-keygen needed on a fresh machine),
//! written atomically, the public half first, so the private file is the commit point: a crash
//! never leaves a private key without its public half.
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, decode_secret_key};
use std::path::{Path, PathBuf};

/// What [`ensure_pair`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pair {
    /// Both files were there.
    Existing,
    /// A new pair was made.
    Created,
    /// The public half was missing or empty and was derived again from the private key.
    PublicRestored,
    /// The private file was not a readable unencrypted key: a new pair replaced it.
    Replaced,
}

/// The public half's path: `key` + `.pub`.
pub fn public_path(key: &Path) -> PathBuf {
    let mut p = key.as_os_str().to_owned();
    p.push(".pub");
    PathBuf::from(p)
}

fn write_pair(key: &Path, private: &PrivateKey) -> std::io::Result<()> {
    let public = private
        .public_key()
        .to_openssh()
        .map_err(std::io::Error::other)?;
    crate::files::write_atomic(
        &public_path(key),
        format!("{public}\n").as_bytes(),
        Some(0o644),
    )?;
    let text = private
        .to_openssh(LineEnding::LF)
        .map_err(std::io::Error::other)?;
    crate::files::write_atomic(key, text.as_bytes(), Some(0o600))
}

/// A new ed25519 key with `comment`.
pub fn generate(comment: &str) -> PrivateKey {
    use rand::RngCore;
    let mut seed = [0u8; 32];
    rand::rng().fill_bytes(&mut seed);
    let mut k = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    k.set_comment(comment);
    k
}

/// Make sure `key` and `key.pub` hold a matching pair, creating or repairing it.
pub fn ensure_pair(key: &Path, comment: &str) -> std::io::Result<Pair> {
    let pubfile = public_path(key);
    let pub_ok = std::fs::metadata(&pubfile).is_ok_and(|m| m.len() > 0);
    match std::fs::read_to_string(key) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            write_pair(key, &generate(comment))?;
            Ok(Pair::Created)
        }
        Err(e) => Err(e),
        Ok(_) if pub_ok => Ok(Pair::Existing),
        Ok(text) => match decode_secret_key(&text, None) {
            Ok(k) => {
                write_pair(key, &k)?;
                Ok(Pair::PublicRestored)
            }
            Err(_) => {
                write_pair(key, &generate(comment))?;
                Ok(Pair::Replaced)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn creates_a_matching_openssh_pair_and_repairs_a_lost_public_half() {
        let d = tempfile::tempdir().unwrap();
        let key = d.path().join("sub/id");
        assert_eq!(ensure_pair(&key, "cwh lab key").unwrap(), Pair::Created);
        let text = std::fs::read_to_string(&key).unwrap();
        assert!(text.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let public = std::fs::read_to_string(public_path(&key)).unwrap();
        assert!(public.starts_with("ssh-ed25519 ") && public.trim_end().ends_with("cwh lab key"));
        let derived = decode_secret_key(&text, None)
            .unwrap()
            .public_key()
            .to_openssh()
            .unwrap();
        assert_eq!(public.trim_end(), derived);
        assert_eq!(ensure_pair(&key, "x").unwrap(), Pair::Existing);
        // a 0-byte public half (a full disk) is derived again, the private key kept
        std::fs::write(public_path(&key), "").unwrap();
        assert_eq!(ensure_pair(&key, "x").unwrap(), Pair::PublicRestored);
        assert_eq!(std::fs::read_to_string(&key).unwrap(), text);
        assert_eq!(std::fs::read_to_string(public_path(&key)).unwrap(), public);
        // a broken private file with no public half: a new pair
        std::fs::write(&key, "garbage").unwrap();
        std::fs::remove_file(public_path(&key)).unwrap();
        assert_eq!(ensure_pair(&key, "x").unwrap(), Pair::Replaced);
        assert_ne!(std::fs::read_to_string(&key).unwrap(), text);
        // two keys differ
        let k2 = d.path().join("id2");
        ensure_pair(&k2, "x").unwrap();
        assert_ne!(
            std::fs::read_to_string(&k2).unwrap(),
            std::fs::read_to_string(&key).unwrap()
        );
    }
}
