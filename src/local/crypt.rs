//! What the notebooks computed in Python cells before calling a playbook: the local user name
//! CoursewareHub derives from a teacher's mail address (`scripts/cwh.py`
//! `get_username_from_mail_address`), a password hash for `/etc/shadow` (`crypt.crypt(pw)`:
//! SHA-512 crypt, `$6$<16-char salt>$<86 chars>`), MD5 hex digests and random hex secrets
//! (`''.join(random.choice("abcdef" + string.digits) for _ in range(32))`).
use base64ct::{Base64ShaCrypt, Encoding};
use rand::Rng;

/// Characters of a crypt salt (`./0-9A-Za-z`), as Python's `crypt.mksalt`.
const SALT_CHARS: &[u8] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Errors of these helpers: bad input, said in plain words.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CryptError {
    #[error("{0}")]
    #[diagnostic(code = "cwh::local::invalid")]
    Invalid(String),
}

/// The local user name CoursewareHub gives a teacher: the mail address's local part lower-cased
/// with everything but `a-z0-9` removed, then `x` and the first 6 hex digits of the MD5 of the
/// whole address (as typed). The notebooks' helper encodes the address as ASCII, so a non-ASCII
/// address is refused as it was there.
pub fn teacher_id(mail_address: &str) -> Result<String, CryptError> {
    if !mail_address.is_ascii() {
        return Err(CryptError::Invalid(crate::t!(
            "local-mail-not-ascii",
            address = mail_address
        )));
    }
    if mail_address.trim().is_empty() {
        return Err(CryptError::Invalid(crate::t!("local-mail-empty")));
    }
    let local = mail_address.split('@').next().unwrap_or("");
    let mut id: String = local
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    id.push('x');
    id.push_str(&md5_hex(mail_address)[..6]);
    Ok(id)
}

/// The MD5 digest of `text` (UTF-8) in lower-case hex.
pub fn md5_hex(text: &str) -> String {
    format!("{:x}", md5::compute(text.as_bytes()))
}

/// `n` random lower-case hex digits from the OS's secure generator.
pub fn random_hex(n: usize) -> String {
    const HEX: &[u8] = b"0123456789abcdef";
    let mut rng = rand::rng();
    (0..n)
        .map(|_| HEX[rng.random_range(0..16)] as char)
        .collect()
}

/// A fresh 16-character salt.
fn new_salt() -> String {
    let mut rng = rand::rng();
    (0..16)
        .map(|_| SALT_CHARS[rng.random_range(0..SALT_CHARS.len())] as char)
        .collect()
}

/// SHA-512 crypt of `password` with a fresh random salt: `$6$<salt>$<hash>`, what Python's
/// `crypt.crypt(password)` gives and `/etc/shadow` (Ansible's `user` module) takes.
pub fn sha512_crypt(password: &str) -> String {
    sha512_crypt_with_salt(password, &new_salt()).expect("a fresh salt is valid")
}

/// SHA-512 crypt with a given salt (at most 16 characters of `./0-9A-Za-z` are used, as glibc).
pub fn sha512_crypt_with_salt(password: &str, salt: &str) -> Result<String, CryptError> {
    if salt.is_empty() || !salt.bytes().all(|b| SALT_CHARS.contains(&b)) {
        return Err(CryptError::Invalid(crate::t!(
            "local-bad-salt",
            salt = salt
        )));
    }
    let salt = &salt[..salt.len().min(16)];
    let raw = sha_crypt::sha512_crypt(
        password.as_bytes(),
        salt.as_bytes(),
        sha_crypt::Params::RECOMMENDED,
    );
    // the crypt(3) output order of the 64 digest bytes (Drepper's specification)
    const ORDER: [usize; 64] = [
        42, 21, 0, 1, 43, 22, 23, 2, 44, 45, 24, 3, 4, 46, 25, 26, 5, 47, 48, 27, 6, 7, 49, 28, 29,
        8, 50, 51, 30, 9, 10, 52, 31, 32, 11, 53, 54, 33, 12, 13, 55, 34, 35, 14, 56, 57, 36, 15,
        16, 58, 37, 38, 17, 59, 60, 39, 18, 19, 61, 40, 41, 20, 62, 63,
    ];
    let ordered: Vec<u8> = ORDER.iter().map(|&i| raw[i]).collect();
    Ok(format!(
        "$6${salt}${}",
        Base64ShaCrypt::encode_string(&ordered)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notebooks' helpers run by Python 3 (`scripts/cwh.py` and `crypt.crypt`).
    fn python(code: &str, args: &[&str]) -> Vec<String> {
        let out = std::process::Command::new("python3")
            .arg("-W")
            .arg("ignore")
            .arg("-c")
            .arg(code)
            .args(args)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "python3: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(String::from)
            .collect()
    }

    /// `get_username_from_mail_address` of CoursewareHub/scripts/cwh.py (ocs-templates 7e5e0ec),
    /// verbatim.
    const CWH_PY: &str = include_str!("../../tests/playbooks/cwh_username.py");

    #[test]
    fn teacher_ids_are_the_notebook_helpers() {
        let addrs = [
            "admin@example.org",
            "Taro.Yamada@Example.AC.JP",
            "first_last+tag@uni.ac.jp",
            "x@y",
            "no-at-sign",
            "@only.domain",
            "UPPER123@EXAMPLE.COM",
        ];
        let want = python(CWH_PY, &addrs);
        let got: Vec<String> = addrs.iter().map(|a| teacher_id(a).unwrap()).collect();
        assert_eq!(got, want);
        assert_eq!(teacher_id("admin@example.org").unwrap(), want[0]);
        assert!(teacher_id("山田@example.org").is_err());
        assert!(teacher_id("").is_err());
    }

    #[test]
    fn password_hashes_are_pythons_crypt() {
        let code = "import crypt, sys\nfor pw, salt in zip(sys.argv[1::2], sys.argv[2::2]): print(crypt.crypt(pw, '$6$' + salt))";
        let cases = [
            ("secret", "abcdefgh12345678"),
            ("pässword with spaces", "./Zz09"),
            ("", "saltsaltsaltsalt"),
            ("long password ".repeat(20).leak() as &str, "A"),
            ("x", "0123456789abcdefEXTRA"),
        ];
        let args: Vec<&str> = cases.iter().flat_map(|(p, s)| [*p, *s]).collect();
        let want = python(code, &args);
        for ((pw, salt), w) in cases.iter().zip(&want) {
            assert_eq!(&sha512_crypt_with_salt(pw, salt).unwrap(), w, "{pw:?}");
        }
        // a fresh hash verifies in Python and has the notebook's shape
        let h = sha512_crypt("teacher-pw");
        assert!(h.starts_with("$6$") && h.len() == 3 + 16 + 1 + 86, "{h}");
        let ok = python(
            "import crypt, sys\nprint(crypt.crypt(sys.argv[1], sys.argv[2]) == sys.argv[2])",
            &["teacher-pw", &h],
        );
        assert_eq!(ok, ["True"]);
        assert_ne!(sha512_crypt("teacher-pw"), h, "salts are random");
        assert!(sha512_crypt_with_salt("x", "bad salt!").is_err());
    }

    #[test]
    fn md5_and_random_hex() {
        let want = python(
            "import hashlib, sys\nprint(hashlib.md5(sys.argv[1].encode()).hexdigest())",
            &["admin@example.org"],
        );
        assert_eq!(md5_hex("admin@example.org"), want[0]);
        let a = random_hex(32);
        assert_eq!(a.len(), 32);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_ne!(a, random_hex(32));
    }
}
