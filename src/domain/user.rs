//! The agency's people and their roles. Every change records which user made it.

use super::ids::UserId;
use serde::{Deserialize, Serialize};

/// A role from the agency handbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Account Executive, 客户执行.
    AccountExecutive,
    /// Account Manager, 客户经理.
    AccountManager,
    /// Account Director, 客户总监.
    AccountDirector,
    /// Director's office, 总监室: second approval of estimates.
    DirectorsOffice,
}

impl Role {
    /// All roles in the order they are offered.
    pub const ALL: [Role; 4] = [
        Role::AccountExecutive,
        Role::AccountManager,
        Role::AccountDirector,
        Role::DirectorsOffice,
    ];

    /// Short code used in lists and the command line: AE, AM, AD, DO.
    pub fn code(self) -> &'static str {
        match self {
            Role::AccountExecutive => "AE",
            Role::AccountManager => "AM",
            Role::AccountDirector => "AD",
            Role::DirectorsOffice => "DO",
        }
    }
}

/// A person at the agency who uses Account Desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Stable identity.
    pub id: UserId,
    /// Display name, e.g. 王小明.
    pub name: String,
    /// Role in the account team.
    pub role: Role,
    /// Users who left are kept (history names them) but hidden from pickers.
    pub active: bool,
}
