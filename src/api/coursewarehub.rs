//! Bindings: `coursewarehub::` — the values the deploy notebooks (121, 721) compute in Python
//! before a playbook: a teacher's user name, a password hash, random secrets (core in
//! `crate::local::crypt`). Hashes and secrets are registered as secrets: masked in every output.
use crate::api::from_diagnostic;
use rhai::plugin::*;

pub fn register(engine: &mut Engine) {
    engine.register_static_module("coursewarehub", exported_module!(coursewarehub_api).into());
}

fn secret(v: String) -> String {
    crate::redact::add_secret(&v);
    v
}

fn bad(e: crate::local::crypt::CryptError) -> Box<EvalAltResult> {
    from_diagnostic(&e)
}

#[export_module]
mod coursewarehub_api {
    use super::{bad, secret};
    use crate::api::{Res, error, pos};
    use crate::local::crypt;

    /// The local user name CoursewareHub gives a teacher, as the notebooks' scripts/cwh.py
    /// `get_username_from_mail_address`: the address's local part lower-cased with all but a-z0-9
    /// removed, `x`, and the first 6 hex digits of the MD5 of the whole address.
    /// Example: `coursewarehub::teacher_id("admin@example.org")` → "adminx" + 6 hex digits
    #[rhai_fn(return_raw)]
    pub fn teacher_id(cx: NativeCallContext, mail_address: &str) -> Res<String> {
        pos(&cx, crypt::teacher_id(mail_address).map_err(bad))
    }

    /// A SHA-512 crypt hash of a password (`$6$salt$…`), as the notebooks' `crypt(password)`: what
    /// /etc/shadow and Ansible's `user` module take. A fresh random salt each time; masked in output.
    pub fn password_hash(password: &str) -> String {
        secret(crypt::sha512_crypt(password))
    }

    /// As password_hash(password), with a given salt (1 to 16 characters of ./0-9A-Za-z).
    #[rhai_fn(name = "password_hash", return_raw)]
    pub fn password_hash_salt(cx: NativeCallContext, password: &str, salt: &str) -> Res<String> {
        pos(
            &cx,
            crypt::sha512_crypt_with_salt(password, salt)
                .map(secret)
                .map_err(bad),
        )
    }

    /// 32 random hex digits from the OS's secure generator, as the notebooks' cron_secret,
    /// registry_pass and cookie_id; masked in output.
    pub fn random_secret() -> String {
        secret(crypt::random_hex(32))
    }

    /// `n` random hex digits (1 to 4096); masked in output.
    #[rhai_fn(name = "random_secret", return_raw)]
    pub fn random_secret_n(cx: NativeCallContext, n: rhai::INT) -> Res<String> {
        if !(1..=4096).contains(&n) {
            return pos(
                &cx,
                Err(error(
                    "script::value",
                    crate::t!("local-api-random-secret-digits", digits = n),
                    None,
                )),
            );
        }
        Ok(secret(crypt::random_hex(n as usize)))
    }
}
