//! Public-key authentication: OpenSSH key files (ed25519, ecdsa, RSA with rsa-sha2-256/512,
//! never SHA-1), encrypted keys through a passphrase callback, and ssh-agent.
use super::error::SshError;
use super::options::{Credential, PassphraseFn, Target};
use russh::client::Handle;
use russh::keys::{HashAlg, PrivateKey, PrivateKeyWithHashAlg};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

/// Decrypted keys by path: an encrypted key asks for its passphrase once per process.
static KEYS: LazyLock<tokio::sync::Mutex<HashMap<PathBuf, Arc<PrivateKey>>>> =
    LazyLock::new(Default::default);

fn decode(path: &Path, pass: Option<&PassphraseFn>) -> Result<PrivateKey, SshError> {
    let text = std::fs::read_to_string(path).map_err(|source| SshError::KeyRead {
        path: path.to_path_buf(),
        source,
    })?;
    match russh::keys::decode_secret_key(&text, None) {
        Ok(k) => Ok(k),
        Err(russh::keys::Error::KeyIsEncrypted) => {
            let Some(secret) = pass.and_then(|f| f(path)) else {
                return Err(SshError::KeyEncrypted {
                    path: path.to_path_buf(),
                });
            };
            crate::redact::add_secret(&secret);
            russh::keys::decode_secret_key(&text, Some(&secret)).map_err(|_| {
                SshError::WrongPassphrase {
                    path: path.to_path_buf(),
                }
            })
        }
        Err(e) => Err(SshError::KeyFormat {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// Load (and cache) a private key; decryption and the passphrase prompt run off the runtime.
pub async fn load_key(
    path: &Path,
    pass: Option<&PassphraseFn>,
) -> Result<Arc<PrivateKey>, SshError> {
    let mut cache = KEYS.lock().await;
    if let Some(k) = cache.get(path) {
        return Ok(k.clone());
    }
    let (p, f) = (path.to_path_buf(), pass.cloned());
    let key = tokio::task::spawn_blocking(move || decode(&p, f.as_ref()))
        .await
        .map_err(|e| SshError::KeyFormat {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })??;
    let key = Arc::new(key);
    cache.insert(path.to_path_buf(), key.clone());
    Ok(key)
}

fn proto(host: &str) -> impl Fn(russh::Error) -> SshError + '_ {
    move |e| SshError::Protocol {
        host: host.to_string(),
        message: e.to_string(),
    }
}

/// rsa-sha2-512/256 as the server announces (never SHA-1 `ssh-rsa`); `None` for other keys.
/// Asked only for RSA keys: the server's EXT_INFO can take up to a second to arrive.
async fn rsa_hash<H: russh::client::Handler>(
    handle: &Handle<H>,
    is_rsa: bool,
    host: &str,
) -> Result<Option<HashAlg>, SshError> {
    if !is_rsa {
        return Ok(None);
    }
    let hash = handle
        .best_supported_rsa_hash()
        .await
        .map_err(proto(host))?
        .flatten();
    // a server without EXT_INFO: assume rsa-sha2-256 (OpenSSH >= 7.2) rather than SHA-1
    Ok(Some(hash.unwrap_or(HashAlg::Sha256)))
}

/// Try the target's credentials in order until one is accepted.
pub async fn authenticate<H: russh::client::Handler>(
    handle: &mut Handle<H>,
    target: &Target,
    pass: Option<&PassphraseFn>,
) -> Result<(), SshError> {
    let host = target.name.as_str();
    let mut tried = Vec::new();
    let mut key_error = None;
    for cred in &target.credentials {
        match cred {
            Credential::KeyFile(path) => {
                let key = match load_key(path, pass).await {
                    Ok(k) => k,
                    Err(e) => {
                        // a single explicit key that cannot be loaded is the error to report
                        key_error.get_or_insert(e);
                        continue;
                    }
                };
                let hash = rsa_hash(handle, key.algorithm().is_rsa(), host).await?;
                let res = handle
                    .authenticate_publickey(&target.user, PrivateKeyWithHashAlg::new(key, hash))
                    .await
                    .map_err(proto(host))?;
                tried.push(path.display().to_string());
                if res.success() {
                    return Ok(());
                }
            }
            Credential::Agent => {
                let mut agent = russh::keys::agent::client::AgentClient::connect_env()
                    .await
                    .map_err(|e| SshError::Agent {
                        message: e.to_string(),
                    })?;
                let ids = agent
                    .request_identities()
                    .await
                    .map_err(|e| SshError::Agent {
                        message: e.to_string(),
                    })?;
                for id in ids {
                    let russh::keys::agent::AgentIdentity::PublicKey { key, comment } = id else {
                        continue;
                    };
                    let hash = rsa_hash(handle, key.algorithm().is_rsa(), host).await?;
                    let ok = handle
                        .authenticate_publickey_with(&target.user, key, hash, &mut agent)
                        .await
                        .map(|r| r.success())
                        .unwrap_or(false);
                    tried.push(crate::t!("ssh-tried-agent-key", comment = comment.as_str()));
                    if ok {
                        return Ok(());
                    }
                }
            }
        }
    }
    if tried.is_empty()
        && let Some(e) = key_error
    {
        return Err(e);
    }
    Err(SshError::AuthRefused {
        host: host.to_string(),
        user: target.user.clone(),
        tried: if tried.is_empty() {
            crate::t!("ssh-tried-no-key")
        } else {
            tried.join(", ")
        },
    })
}
