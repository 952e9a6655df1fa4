//! Where the database file lives, as far as it matters for safety: a file in a cloud-sync
//! folder (OneDrive, Dropbox, 坚果云 …) or on a network drive is one file that two people or
//! two computers can change at the same time, and a sync service keeps only one of the
//! copies. The window warns about it once per database.
//!
//! [`placement_of_path`] looks only at the path's folder names (pure, testable for every
//! platform on any platform); [`network_mount`] reads the mount type from a Linux mount table
//! handed to it; [`placement`] puts both together for the real file.

use crate::domain::Lang;
use std::path::Path;

/// A cloud-sync service that keeps a folder on this computer in step with other computers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloudService {
    /// Microsoft OneDrive, personal or for business (`OneDrive - 某某广告`).
    OneDrive,
    /// Dropbox.
    Dropbox,
    /// Apple iCloud Drive (`Library/Mobile Documents` on macOS, `iCloudDrive` on Windows).
    ICloud,
    /// Google Drive.
    GoogleDrive,
    /// 坚果云 (Nutstore).
    Nutstore,
    /// 百度网盘 and its 同步空间 (BaiduNetdisk, BaiduSyncdisk).
    Baidu,
    /// 腾讯微云 (Weiyun).
    Weiyun,
    /// A folder macOS keeps for a sync service (`Library/CloudStorage/…`).
    Other,
}

impl CloudService {
    /// The service's name as people know it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CloudService::OneDrive => "OneDrive",
            CloudService::Dropbox => "Dropbox",
            CloudService::ICloud => lang.pick("iCloud 云盘", "iCloud Drive"),
            CloudService::GoogleDrive => lang.pick("Google 云端硬盘", "Google Drive"),
            CloudService::Nutstore => lang.pick("坚果云", "Nutstore"),
            CloudService::Baidu => lang.pick("百度网盘", "Baidu Netdisk"),
            CloudService::Weiyun => lang.pick("腾讯微云", "Tencent Weiyun"),
            CloudService::Other => lang.pick("云同步", "cloud sync"),
        }
    }
}

/// Where a database file is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// On this computer's own disk, as far as can be told.
    Local,
    /// Inside a folder a cloud-sync service copies between computers.
    CloudSync(CloudService),
    /// On a network drive: a Windows share (`\\server\share`) or a network file system
    /// (named by its mount type, e.g. `nfs4`, `cifs`).
    Network(String),
}

impl Placement {
    /// Whether the person should be warned.
    pub fn is_shared(&self) -> bool {
        *self != Placement::Local
    }

    /// The warning shown once for a database at `db`, in `lang`; `None` for a local file.
    pub fn warning(&self, db: &Path, lang: Lang) -> Option<String> {
        let db = db.display();
        let (zh_where, en_where) = match self {
            Placement::Local => return None,
            Placement::CloudSync(service) => (
                format!(" {} 同步文件夹", service.label(Lang::Zh)),
                format!("a {} sync folder", service.label(Lang::En)),
            ),
            Placement::Network(kind) if kind == "unc" => {
                ("网络共享文件夹".to_string(), "a network share".to_string())
            }
            Placement::Network(kind) => (
                format!("网络驱动器（{kind}）"),
                format!("a network drive ({kind})"),
            ),
        };
        Some(match lang {
            Lang::Zh => format!(
                "数据库保存在{zh_where}中：{db}\n\
                 如果两个人或两台电脑通过同步或共享使用同一个数据库文件，彼此的修改会互相覆盖，工作会丢失。\
                 请只在一台电脑上、由一个人使用它。团队共用请等待团队模式（共享服务器，即将推出）。"
            ),
            Lang::En => format!(
                "The database is kept in {en_where}: {db}\n\
                 If two people or two computers use one database file through syncing or \
                 sharing, their changes overwrite each other and work is lost. Use it on one \
                 computer, by one person. For a team, team mode (a shared server) is coming."
            ),
        })
    }
}

/// Where the database at `db` is kept: its folder names first, then (on Linux) the type of
/// the file system it is on.
pub fn placement(db: &Path) -> Placement {
    let by_name = placement_of_path(db);
    if by_name.is_shared() {
        return by_name;
    }
    let Some(table) = mount_table() else {
        return Placement::Local;
    };
    // The file may not exist yet; its folder does once the store has opened it.
    let real = std::fs::canonicalize(db)
        .or_else(|e| match (db.parent(), db.file_name()) {
            (Some(dir), Some(name)) => std::fs::canonicalize(dir).map(|d| d.join(name)),
            _ => Err(e),
        })
        .unwrap_or_else(|_| db.to_path_buf());
    match network_mount(&real, &table) {
        Some(kind) => Placement::Network(kind),
        None => by_name,
    }
}

/// Where a file is kept, judged by its path alone: a Windows network share (`\\server\share`)
/// or a folder a cloud-sync service keeps. Folder names are compared without regard to case;
/// both `/` and `\` separate folders, so a Windows path is read right on any platform.
pub fn placement_of_path(path: &Path) -> Placement {
    let text = path.to_string_lossy();
    if is_unc(&text) {
        return Placement::Network("unc".into());
    }
    let folders: Vec<String> = text
        .split(['/', '\\'])
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect();
    // The last part is the file itself: only its folders count.
    let folders = &folders[..folders.len().saturating_sub(1)];
    for (i, name) in folders.iter().enumerate() {
        let next = folders.get(i + 1).map(String::as_str);
        if name == "library" {
            match next {
                Some("mobile documents") => return Placement::CloudSync(CloudService::ICloud),
                Some("cloudstorage") => {
                    let service = folders
                        .get(i + 2)
                        .and_then(|s| cloud_folder(s))
                        .unwrap_or(CloudService::Other);
                    return Placement::CloudSync(service);
                }
                _ => {}
            }
        }
        if let Some(service) = cloud_folder(name) {
            return Placement::CloudSync(service);
        }
    }
    Placement::Local
}

/// `\\server\share\…` and `\\?\UNC\server\share\…` are network paths; `\\?\C:\…` (a long
/// local path) and `\\.\…` (a device) are not.
fn is_unc(text: &str) -> bool {
    let upper = text.to_uppercase();
    if upper.starts_with(r"\\?\UNC\") || upper.starts_with("//?/UNC/") {
        return true;
    }
    text.starts_with(r"\\") && !text.starts_with(r"\\?\") && !text.starts_with(r"\\.\")
}

/// The sync service a folder named `name` (lower case) belongs to.
fn cloud_folder(name: &str) -> Option<CloudService> {
    // A folder's name, or that name followed by more words: `OneDrive - 某某广告`,
    // `Dropbox (Personal)`, `OneDrive-Personal`, `GoogleDrive-someone@gmail.com`.
    let named = |base: &str| {
        name.strip_prefix(base)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '-', '(', '_', '.']))
    };
    let service = if named("onedrive") {
        CloudService::OneDrive
    } else if named("dropbox") {
        CloudService::Dropbox
    } else if named("icloud drive") || named("iclouddrive") || named("icloud") {
        CloudService::ICloud
    } else if named("google drive")
        || named("googledrive")
        || name == "my drive"
        || name.contains("云端硬盘")
    {
        CloudService::GoogleDrive
    } else if named("nutstore") || name.contains("坚果云") {
        CloudService::Nutstore
    } else if named("baidunetdisk")
        || named("baidusyncdisk")
        || name.contains("百度网盘")
        || name.contains("百度同步")
        || name == "同步空间"
    {
        CloudService::Baidu
    } else if named("weiyun") || named("weiyunsync") || name.contains("微云") {
        CloudService::Weiyun
    } else {
        return None;
    };
    Some(service)
}

/// File-system types that live on another machine (or are synced from one).
const NETWORK_FILE_SYSTEMS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb3",
    "smbfs",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "lustre",
    "davfs",
    "ncpfs",
    "coda",
];

/// The type of the network file system `path` (absolute, symbolic links resolved) is on,
/// according to `mounts` (the text of `/proc/self/mounts`); `None` for a local one.
/// FUSE file systems count when they reach another machine (`fuse.sshfs`, `fuse.rclone`,
/// `fuse.glusterfs`, …).
pub fn network_mount(path: &Path, mounts: &str) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace();
        let (Some(_device), Some(point), Some(kind)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let point = unescape_mount_point(point);
        let point = Path::new(&point);
        if !path.starts_with(point) {
            continue;
        }
        let depth = point.components().count();
        // The deepest mount containing the path is the one it is on.
        if best.is_none_or(|(d, _)| depth >= d) {
            best = Some((depth, kind));
        }
    }
    let (_, kind) = best?;
    let base = kind.strip_prefix("fuse.").unwrap_or(kind);
    let remote = NETWORK_FILE_SYSTEMS.contains(&base)
        || (kind.starts_with("fuse.")
            && ["sshfs", "rclone", "s3fs", "gcsfuse", "davfs2", "glusterfs"].contains(&base));
    remote.then(|| kind.to_string())
}

/// The kernel writes space, tab, newline and backslash in a mount point as octal escapes
/// (`\040` for a space).
fn unescape_mount_point(point: &str) -> String {
    let bytes = point.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\'
            && i + 3 < bytes.len()
            && bytes[i + 1..i + 4]
                .iter()
                .all(|b| (b'0'..=b'7').contains(b))
        {
            let value =
                (bytes[i + 1] - b'0') * 64 + (bytes[i + 2] - b'0') * 8 + (bytes[i + 3] - b'0');
            out.push(value);
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// This system's mount table, where there is one to read.
fn mount_table() -> Option<String> {
    if cfg!(target_os = "linux") {
        std::fs::read_to_string("/proc/self/mounts").ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(path: &str) -> Placement {
        placement_of_path(Path::new(path))
    }

    #[test]
    fn cloud_sync_folders_are_recognised_on_every_platform() {
        use CloudService::*;
        for (path, service) in [
            (r"C:\Users\王小明\OneDrive\客户\desk.redb", OneDrive),
            (
                r"C:\Users\wang\OneDrive - 某某广告\account-desk.redb",
                OneDrive,
            ),
            (
                "/Users/wang/Library/CloudStorage/OneDrive-Personal/desk.redb",
                OneDrive,
            ),
            ("/home/wang/Dropbox/desk.redb", Dropbox),
            (r"D:\Dropbox (某某广告)\desk.redb", Dropbox),
            (
                "/Users/wang/Library/Mobile Documents/com~apple~CloudDocs/desk.redb",
                ICloud,
            ),
            (r"C:\Users\wang\iCloudDrive\desk.redb", ICloud),
            (r"G:\My Drive\客户执行台\desk.redb", GoogleDrive),
            ("/Users/wang/Google Drive/desk.redb", GoogleDrive),
            (
                "/Users/wang/Library/CloudStorage/GoogleDrive-wang@example.com/desk.redb",
                GoogleDrive,
            ),
            (r"C:\Users\王小明\Nutstore\1\desk.redb", Nutstore),
            (r"C:\Users\王小明\Nutstore Files\desk.redb", Nutstore),
            (r"D:\我的坚果云\客户 资料\desk.redb", Nutstore),
            (r"D:\BaiduSyncdisk\desk.redb", Baidu),
            (r"D:\BaiduNetdisk\desk.redb", Baidu),
            (r"D:\百度网盘\同步空间\desk.redb", Baidu),
            (r"E:\同步空间\desk.redb", Baidu),
            (r"D:\腾讯微云\desk.redb", Weiyun),
            ("/Users/wang/Library/CloudStorage/Box-Box/desk.redb", Other),
        ] {
            assert_eq!(on(path), Placement::CloudSync(service), "{path}");
        }
    }

    #[test]
    fn folder_names_match_without_regard_to_case() {
        for path in [
            r"C:\Users\wang\ONEDRIVE\desk.redb",
            r"C:\Users\wang\onedrive - 某某广告\desk.redb",
            "/home/wang/dropbox/desk.redb",
            "/Users/wang/library/mobile documents/x/desk.redb",
            r"D:\baidusyncdisk\desk.redb",
            r"D:\NUTSTORE\desk.redb",
        ] {
            assert!(on(path).is_shared(), "{path}");
        }
    }

    #[test]
    fn ordinary_folders_and_look_alikes_are_local() {
        for path in [
            "/home/wang/.local/share/account-desk/account-desk.redb",
            r"C:\Users\王小明\AppData\Roaming\Account Desk\account-desk.redb",
            "/Users/wang/Library/Application Support/Account Desk/account-desk.redb",
            // Names that only begin like a service, and a file (not a folder) so named.
            "/home/wang/dropboxing-notes/desk.redb",
            "/home/wang/onedrivers/desk.redb",
            "/home/wang/OneDrive.redb",
            "/home/wang/Library/desk.redb",
            // A long local path and a device path on Windows.
            r"\\?\C:\Users\wang\客户 资料\desk.redb",
            r"\\.\PhysicalDrive0",
        ] {
            assert_eq!(on(path), Placement::Local, "{path}");
        }
    }

    #[test]
    fn windows_network_shares_are_network_drives() {
        for path in [
            r"\\fileserver\客户部\desk.redb",
            r"\\192.168.1.20\share\desk.redb",
            r"\\?\UNC\fileserver\share\desk.redb",
        ] {
            assert_eq!(on(path), Placement::Network("unc".into()), "{path}");
        }
    }

    const MOUNTS: &str = "\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p3 /home ext4 rw,relatime 0 0
fileserver:/export/desk /mnt/desk nfs4 rw,relatime,vers=4.2 0 0
//nas/客户部 /mnt/nas\\040share cifs rw,relatime 0 0
wang@host:/data /home/wang/remote fuse.sshfs rw,nosuid,nodev 0 0
tmpfs /mnt/nas\\040share/cache tmpfs rw 0 0
/dev/sdb1 /media/wang/U盘 vfat rw 0 0
drvfs /mnt/c 9p rw,dirsync 0 0
portal /run/user/1000/doc fuse.portal rw 0 0
";

    #[test]
    fn network_file_systems_are_found_in_the_mount_table() {
        let kind = |p: &str| network_mount(Path::new(p), MOUNTS);
        assert_eq!(kind("/mnt/desk/客户/desk.redb").as_deref(), Some("nfs4"));
        // A mount point with a space, written `\040` by the kernel.
        assert_eq!(kind("/mnt/nas share/desk.redb").as_deref(), Some("cifs"));
        assert_eq!(
            kind("/home/wang/remote/desk.redb").as_deref(),
            Some("fuse.sshfs")
        );
        assert_eq!(kind("/mnt/c/Users/wang/desk.redb").as_deref(), Some("9p"));
        // The deepest mount wins: a local file system mounted inside a network one.
        assert_eq!(kind("/mnt/nas share/cache/desk.redb"), None);
        for local in [
            "/home/wang/.local/share/account-desk/account-desk.redb",
            "/media/wang/U盘/desk.redb",
            "/run/user/1000/doc/desk.redb",
            // Only whole folder names: /mnt/desktop is not under /mnt/desk.
            "/mnt/desktop/desk.redb",
        ] {
            assert_eq!(kind(local), None, "{local}");
        }
    }

    #[test]
    fn the_warning_names_the_file_and_the_way_for_a_team() {
        let db = Path::new(r"C:\Users\wang\OneDrive - 某某广告\desk.redb");
        let placement = placement_of_path(db);
        let zh = placement.warning(db, Lang::Zh).unwrap();
        assert!(zh.contains("OneDrive 同步文件夹"), "{zh}");
        assert!(zh.contains("OneDrive - 某某广告"), "{zh}");
        assert!(zh.contains("团队模式"), "{zh}");
        let en = placement.warning(db, Lang::En).unwrap();
        assert!(en.contains("a OneDrive sync folder"), "{en}");
        assert!(en.contains("team mode"), "{en}");
        assert_eq!(Placement::Local.warning(db, Lang::Zh), None);
        let share = Placement::Network("unc".into());
        assert!(
            share
                .warning(db, Lang::Zh)
                .unwrap()
                .contains("网络共享文件夹")
        );
        let nfs = Placement::Network("nfs4".into());
        assert!(
            nfs.warning(db, Lang::En)
                .unwrap()
                .contains("network drive (nfs4)")
        );
    }
}
