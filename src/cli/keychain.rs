//! A team database's password: from `PGPASSWORD`, else the OS keychain (Windows Credential
//! Manager, macOS Keychain, the Secret Service on Linux), else asked for on a terminal.
//! It is never written in plain text: `account-desk team login URL` keeps it in the
//! keychain, `team logout URL` forgets it.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;

/// The keychain's service name for Account Desk's entries.
const SERVICE: &str = "Account Desk";

/// Where passwords are kept.
pub trait Keychain {
    /// The password kept for `account` (`None`: none, or no keychain on this computer).
    fn get(&self, account: &str) -> Option<String>;
    /// Keeps `password` for `account`.
    fn set(&self, account: &str, password: &str) -> Result<(), String>;
    /// Forgets the password of `account`; `false` if none was kept.
    fn delete(&self, account: &str) -> Result<bool, String>;
}

/// The OS keychain (the `keyring` crate's platform store).
pub struct OsKeychain;

impl Keychain for OsKeychain {
    fn get(&self, account: &str) -> Option<String> {
        keyring::Entry::new(SERVICE, account)
            .and_then(|e| e.get_password())
            .ok()
    }

    fn set(&self, account: &str, password: &str) -> Result<(), String> {
        keyring::Entry::new(SERVICE, account)
            .and_then(|e| e.set_password(password))
            .map_err(|e| match e {
                keyring::Error::NoDefaultStore => {
                    "this computer has no keychain the app can use (on Linux, a Secret Service \
                     such as GNOME Keyring or KWallet); use PGPASSWORD instead"
                        .to_string()
                }
                other => format!("the keychain refused: {other}"),
            })
    }

    fn delete(&self, account: &str) -> Result<bool, String> {
        match keyring::Entry::new(SERVICE, account).and_then(|e| e.delete_credential()) {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry | keyring::Error::NoDefaultStore) => Ok(false),
            Err(other) => Err(format!("the keychain refused: {other}")),
        }
    }
}

/// A keychain in memory (tests, and a computer without one).
#[derive(Default)]
pub struct MemoryKeychain(Mutex<HashMap<String, String>>);

impl Keychain for MemoryKeychain {
    fn get(&self, account: &str) -> Option<String> {
        self.0.lock().ok()?.get(account).cloned()
    }

    fn set(&self, account: &str, password: &str) -> Result<(), String> {
        self.0
            .lock()
            .map_err(|_| "the keychain is in disorder".to_string())?
            .insert(account.to_string(), password.to_string());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<bool, String> {
        Ok(self
            .0
            .lock()
            .map_err(|_| "the keychain is in disorder".to_string())?
            .remove(account)
            .is_some())
    }
}

/// The keychain account of a team database's URL: the URL without its options
/// (`postgres://wang@db.agency.cn:5432/agency`).
pub fn account(url: &str) -> String {
    url.split('?').next().unwrap_or(url).to_string()
}

/// The password for `url`: `env` (`PGPASSWORD`), else the keychain's, else what `ask`
/// returns (a prompt on a terminal).
pub fn password_for(
    url: &str,
    env: Option<String>,
    keychain: &dyn Keychain,
    ask: &mut dyn FnMut() -> Option<String>,
) -> Option<String> {
    env.filter(|p| !p.is_empty())
        .or_else(|| keychain.get(&account(url)))
        .or_else(ask)
}

/// Asks for the password of `url` on a terminal (`None` when there is none, as in a script).
pub fn ask_on_terminal(url: &str) -> Option<String> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    rpassword::prompt_password(format!("Password for {}: ", account(url))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_comes_from_the_environment_then_the_keychain_then_a_prompt() {
        let keychain = MemoryKeychain::default();
        let url = "postgres://wang@db.agency.cn/agency?sslmode=require";
        let mut asked = 0;
        let mut ask = || {
            asked += 1;
            Some("typed".to_string())
        };
        assert_eq!(
            password_for(url, None, &keychain, &mut ask).as_deref(),
            Some("typed")
        );
        let kept = keychain.set(&account(url), "kept");
        assert_eq!(kept, Ok(()));
        assert_eq!(
            password_for(url, None, &keychain, &mut ask).as_deref(),
            Some("kept")
        );
        assert_eq!(
            password_for(url, Some("env".into()), &keychain, &mut ask).as_deref(),
            Some("env")
        );
        assert_eq!(
            password_for(url, Some(String::new()), &keychain, &mut ask).as_deref(),
            Some("kept")
        );
        assert_eq!(asked, 1);
        assert_eq!(account(url), "postgres://wang@db.agency.cn/agency");
        assert_eq!(keychain.delete(&account(url)), Ok(true));
        assert_eq!(keychain.delete(&account(url)), Ok(false));
    }
}
