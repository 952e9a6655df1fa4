//! Any bytes, decoded as every kind of stored record, give a record or an error: never a
//! panic, an abort or a runaway allocation. A record is only ever accepted under the kind
//! written in its envelope. Same property as `tests/codec_fuzz.rs`, for long coverage-guided
//! runs.
#![no_main]

use account_desk::domain::{
    AgencySettings, Brand, BriefVersion, Change, Client, Contact, Contract, Job, User,
};
use account_desk::domain::template::ScheduleTemplates;
use account_desk::store::records::Record;
use libfuzzer_sys::fuzz_target;

fn decode<T: Record>(data: &[u8]) {
    if T::decode(data).is_ok() {
        assert_eq!(
            data.get(2),
            Some(&(T::KIND as u8)),
            "accepted as another kind"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    decode::<AgencySettings>(data);
    decode::<User>(data);
    decode::<Client>(data);
    decode::<Contact>(data);
    decode::<Contract>(data);
    decode::<Brand>(data);
    decode::<Job>(data);
    decode::<BriefVersion>(data);
    decode::<Change>(data);
    decode::<ScheduleTemplates>(data);
});
