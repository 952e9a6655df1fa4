//! Asking the person where to save a file. The window asks with the system's save dialog
//! (rfd); tests answer in its place, so everything that saves a file can be driven headless.

use std::path::PathBuf;

/// What the save dialog is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SaveRequest<'a> {
    /// The file name offered, e.g. `desk-backup-20261203-0915.redb`.
    pub file_name: &'a str,
    /// The name of the file type, e.g. `PDF` or `Excel`.
    pub filter: &'a str,
    /// The file type's extension, without the dot.
    pub extension: &'a str,
}

/// The person's answer to a save dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveAnswer {
    /// Save here. If the file exists, the person agreed to replace it.
    Chosen(PathBuf),
    /// The person closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown (Linux without a desktop portal or zenity).
    Unavailable,
}

/// Asks where to save a file.
pub trait SaveDialog {
    /// Shows the dialog for `request` and waits for the answer.
    fn ask(&mut self, request: &SaveRequest<'_>) -> SaveAnswer;
}

/// Any `FnMut(&SaveRequest) -> SaveAnswer` answers a save dialog: what tests give the app.
impl<F: FnMut(&SaveRequest<'_>) -> SaveAnswer> SaveDialog for F {
    fn ask(&mut self, request: &SaveRequest<'_>) -> SaveAnswer {
        self(request)
    }
}

/// Asks which existing file to take (the signed copy of sent minutes).
pub trait FilePicker {
    /// Shows an open dialog titled `title` and waits: the file chosen, or `None` when the
    /// person closed it (or no dialog could be shown).
    fn pick(&mut self, title: &str) -> Option<PathBuf>;

    /// Shows a folder dialog titled `title` and waits: the folder chosen, or `None`.
    fn pick_folder(&mut self, title: &str) -> Option<PathBuf> {
        let _ = title;
        None
    }
}

/// Any `FnMut(&str) -> Option<PathBuf>` picks a file: what tests give the app.
impl<F: FnMut(&str) -> Option<PathBuf>> FilePicker for F {
    fn pick(&mut self, title: &str) -> Option<PathBuf> {
        self(title)
    }
}

/// The system's open dialog (rfd), blocking the window while open.
#[derive(Debug, Default, Clone, Copy)]
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn pick(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_file()
    }

    fn pick_folder(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }
}

/// The system's save dialog (rfd). It blocks the window while open, as save dialogs do.
#[derive(Debug, Default, Clone, Copy)]
pub struct NativeDialog;

/// A save dialog that answers sooner than this was never shown.
const NO_DIALOG: std::time::Duration = std::time::Duration::from_millis(300);

impl SaveDialog for NativeDialog {
    fn ask(&mut self, request: &SaveRequest<'_>) -> SaveAnswer {
        let asked = std::time::Instant::now();
        match rfd::FileDialog::new()
            .set_file_name(request.file_name)
            .add_filter(request.filter, &[request.extension])
            .save_file()
        {
            Some(path) => SaveAnswer::Chosen(path),
            // An answer faster than a person can click: no dialog could be shown.
            None if asked.elapsed() < NO_DIALOG => SaveAnswer::Unavailable,
            None => SaveAnswer::Cancelled,
        }
    }
}

/// The file to write for the dialog's answer `chosen`, and whether a file already there may
/// be replaced. The extension is corrected to `extension` (a person who types `报告.pdf` for
/// an Excel export gets `报告.xlsx`); the person agreed to replace only the file the dialog
/// asked about, so a corrected name that exists is refused with a message in `lang`.
pub(super) fn corrected(
    chosen: &std::path::Path,
    extension: &str,
    lang: crate::domain::Lang,
) -> Result<(PathBuf, bool), String> {
    let path = crate::safe_file::fix_extension(chosen, extension);
    if path == chosen {
        return Ok((path, true));
    }
    if path.exists() {
        return Err(match lang {
            crate::domain::Lang::Zh => format!(
                "文件已存在：{}。文件类型须为 .{extension}，这个名称的文件已经有了；请换一个名称再试。",
                path.display()
            ),
            crate::domain::Lang::En => format!(
                "{} already exists. The file must end in .{extension} and a file of that name is \
                 there; choose another name and try again.",
                path.display()
            ),
        });
    }
    Ok((path, false))
}

/// Hands a file to the program that shows it: a PDF viewer, the mail program for an email
/// draft. Any `FnMut(&Path) -> io::Result<()>` is one (what tests give the app).
pub trait Opener {
    /// Opens `path` without waiting for the program to close.
    fn open(&mut self, path: &std::path::Path) -> std::io::Result<()>;
}

impl<F: FnMut(&std::path::Path) -> std::io::Result<()>> Opener for F {
    fn open(&mut self, path: &std::path::Path) -> std::io::Result<()> {
        self(path)
    }
}

/// The system's programs, by the file's type (`open`, `xdg-open`, the Windows shell).
pub(super) struct SystemOpener;

impl Opener for SystemOpener {
    fn open(&mut self, path: &std::path::Path) -> std::io::Result<()> {
        open::that_detached(path)
    }
}

/// Where the person chose to save, from the save dialog's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SaveTarget {
    /// The file to write, its extension corrected.
    pub path: PathBuf,
    /// Whether a file there may be replaced (the dialog asked the person).
    pub replace: bool,
    /// No dialog could be shown: the file goes to the export folder.
    pub no_dialog: bool,
}

impl super::AccountDeskApp {
    /// Asks the save dialog `request` and says where to write: the path chosen with its
    /// extension corrected, or, when no dialog can be shown, the export folder (replacing
    /// nothing). `None` when the person cancelled (the notifications say `cancelled`) or the
    /// corrected name is refused (they say why).
    pub(super) fn save_target(
        &mut self,
        request: &SaveRequest<'_>,
        cancelled: &str,
    ) -> Option<SaveTarget> {
        let lang = self.prefs.lang;
        match self.save_dialog.ask(request) {
            SaveAnswer::Chosen(p) => match corrected(&p, request.extension, lang) {
                Ok((path, replace)) => Some(SaveTarget {
                    path,
                    replace,
                    no_dialog: false,
                }),
                Err(message) => {
                    self.notes.error(message);
                    None
                }
            },
            SaveAnswer::Unavailable => Some(SaveTarget {
                path: self.export_dir().join(request.file_name),
                replace: false,
                no_dialog: true,
            }),
            SaveAnswer::Cancelled => {
                self.notes.info(cancelled);
                None
            }
        }
    }
}
