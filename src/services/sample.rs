//! Sample agency.
