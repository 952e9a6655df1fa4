; Account Desk (客户执行台) Windows installer. Built by scripts/package-windows, which passes:
;   -DVERSION=x.y.z      the crate version
;   -DVERSION4=x.y.z.0   the same as four numbers (Windows file versions have four)
;   -DSTAGE=path         the staged "Account Desk" folder: account-desk.exe (the window, a GUI
;                        program), account-desk-cli.exe (its console companion for scripts),
;                        README.md and licences\ (Account Desk's own, the fonts', and
;                        THIRD-PARTY-LICENSES.html for the Rust crates inside the program)
;   -DROOT=path          the repository (icon)
;   -DOUTFILE=path       the installer to write
;
; Per-user install into %LOCALAPPDATA%\Programs\Account Desk: no administrator rights and no
; UAC prompt (agency laptops are often locked down), and the same place other per-user apps
; use. The user's data (%APPDATA%\Account Desk) is never touched, by install or uninstall.

; A 64-bit Unicode installer, like the program (which needs 64-bit Windows 10 or later).
Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifndef VERSION | VERSION4 | STAGE | ROOT | OUTFILE
  !error "build with scripts/package-windows (VERSION, VERSION4, STAGE, ROOT and OUTFILE must be defined)"
!endif

!define PRODUCT "Account Desk 客户执行台"
!define PUBLISHER "Account Desk contributors"
!define EXE_NAME "account-desk.exe"
!define CLI_NAME "account-desk-cli.exe"
!define SHORTCUT "Account Desk 客户执行台.lnk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\AccountDesk"
!define SETTINGS_KEY "Software\Account Desk"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Account Desk"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

; ---- Look and pages -------------------------------------------------------------------
!define MUI_ICON "${ROOT}\assets\icon.ico"
!define MUI_UNICON "${ROOT}\assets\icon.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE_NAME}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepDataNote)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; otherwise Windows' display language picks one.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

LangString SectionApp ${LANG_ENGLISH} "Account Desk (required)"
LangString SectionApp ${LANG_SIMPCHINESE} "客户执行台（必需）"
LangString SectionDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SectionDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString KeepDataNote ${LANG_ENGLISH} "Account Desk will be removed from this computer. Your clients, jobs and backups in %APPDATA%\Account Desk are kept; delete that folder yourself if you no longer need them."
LangString KeepDataNote ${LANG_SIMPCHINESE} "将从这台电脑上卸载客户执行台。您的客户、工作号和备份保存在 %APPDATA%\Account Desk，卸载不会删除；如不再需要，请自行删除该文件夹。"

; ---- File properties of the installer itself ------------------------------------------
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
!macro VERSION_KEYS LANG DESCRIPTION
  VIAddVersionKey /LANG=${LANG} "ProductName" "${PRODUCT}"
  VIAddVersionKey /LANG=${LANG} "FileDescription" "${DESCRIPTION}"
  VIAddVersionKey /LANG=${LANG} "CompanyName" "${PUBLISHER}"
  VIAddVersionKey /LANG=${LANG} "LegalCopyright" "© ${PUBLISHER}. MIT OR Apache-2.0"
  VIAddVersionKey /LANG=${LANG} "FileVersion" "${VERSION}"
  VIAddVersionKey /LANG=${LANG} "ProductVersion" "${VERSION}"
!macroend
!insertmacro VERSION_KEYS ${LANG_ENGLISH} "Account Desk ${VERSION} Setup"
!insertmacro VERSION_KEYS ${LANG_SIMPCHINESE} "客户执行台 ${VERSION} 安装程序"

; ---- Install --------------------------------------------------------------------------
Section "!$(SectionApp)" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\${EXE_NAME}"
  File "${STAGE}\${CLI_NAME}"
  File "${STAGE}\README.md"
  SetOutPath "$INSTDIR\licences"
  File "${STAGE}\licences\*"
  SetOutPath "$INSTDIR"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "$(SectionDesktop)" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0
SectionEnd

; ---- Uninstall: the program, its shortcuts and registry entries; never the user's data ---
Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"
  Delete "$INSTDIR\${EXE_NAME}"
  Delete "$INSTDIR\${CLI_NAME}"
  Delete "$INSTDIR\README.md"
  RMDir /r "$INSTDIR\licences"
  Delete "$INSTDIR\uninstall.exe"
  ; Only if empty: a portable data folder someone put here survives.
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
SectionEnd
