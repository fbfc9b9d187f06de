; LeadQ's Windows installer (NSIS 3), built on Linux by packaging/windows.sh with makensis:
;   makensis -DVERSION=<version> -DEXE=<path to leadq.exe> -DOUT=<setup.exe> packaging/windows/leadq.nsi
;
; Per user, no administrator rights (sales laptops are often locked down):
;   %LOCALAPPDATA%\Programs\LeadQ\leadq.exe, a Start-menu entry, the folder on the user's PATH
;   (so `leadq list` works in a new terminal), "Open with > LeadQ" for .csv, .xlsx and .ron files,
;   and an entry in Settings > Apps whose "Uninstall" removes all of that.
; The rep's leads and settings (%APPDATA%\LeadQ\LeadQ\data and \config) are never touched.
; Silent: setup.exe /S, uninstall.exe /S (what IT departments and the CI test use).

; A 64-bit installer for the 64-bit program: it also runs where there is no 32-bit layer
; (Wine without wine32, Windows on ARM's x64 emulation).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef EXE
  !error "pass -DEXE=path\to\leadq.exe"
!endif
!ifndef OUT
  !define OUT "leadq-${VERSION}-x86_64-setup.exe"
!endif

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\LeadQ"
!define PROGID "LeadQ.File"

Name "LeadQ"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\LeadQ"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "LeadQ ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "LeadQ"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "LeadQ ${VERSION} Setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "© the LeadQ developers, MIT licence"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WordFunc.nsh"
!include "WinMessages.nsh"

!define MUI_ICON "..\..\assets\icon.ico"
!define MUI_UNICON "..\..\assets\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\leadq.exe"

!insertmacro MUI_PAGE_LICENSE "..\..\LICENSE"
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The installer speaks the system's language: German, else English.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"

LangString StartMenuComment ${LANG_ENGLISH} "Qualify sales leads by BANT"
LangString StartMenuComment ${LANG_GERMAN} "Leads nach BANT qualifizieren"
LangString OpenWithName ${LANG_ENGLISH} "LeadQ (import leads)"
LangString OpenWithName ${LANG_GERMAN} "LeadQ (Leads importieren)"

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "LeadQ" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "/oname=leadq.exe" "${EXE}"
  File "/oname=LICENSE.txt" "..\..\LICENSE"
  File "/oname=THIRD-PARTY-LICENSES.txt" "..\..\assets\THIRD-PARTY-LICENSES.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\LeadQ.lnk" "$INSTDIR\leadq.exe" "" "$INSTDIR\leadq.exe" 0 \
    SW_SHOWNORMAL "" "$(StartMenuComment)"

  ; Settings > Apps: name, version, icon, size, and the uninstaller (also silent).
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "LeadQ"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "the LeadQ developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\leadq.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" 26000

  ; "Open with > LeadQ" for the files LeadQ imports (its default program stays the rep's).
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(OpenWithName)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\leadq.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\leadq.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.csv\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\.xlsx\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\leadq.exe\shell\open\command" "" '"$INSTDIR\leadq.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\leadq.exe\SupportedTypes" ".csv" ""
  WriteRegStr HKCU "Software\Classes\Applications\leadq.exe\SupportedTypes" ".xlsx" ""
  WriteRegStr HKCU "Software\Classes\Applications\leadq.exe\SupportedTypes" ".ron" ""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; The folder on the user's PATH, once, keeping what is there (REG_EXPAND_SZ: %vars% stay).
  ReadRegStr $0 HKCU "Environment" "Path"
  ${WordFind} "$0" ";" "E/$INSTDIR" $1
  ${If} $1 == "$0"
  ${OrIf} $0 == ""
    ${If} $0 == ""
      StrCpy $0 "$INSTDIR"
    ${Else}
      StrCpy $0 "$0;$INSTDIR"
    ${EndIf}
    WriteRegExpandStr HKCU "Environment" "Path" "$0"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=500
  ${EndIf}
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\leadq.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\THIRD-PARTY-LICENSES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\LeadQ.lnk"

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.csv\OpenWithProgids" "${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.xlsx\OpenWithProgids" "${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\leadq.exe"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Only LeadQ's own entry leaves the PATH.
  ReadRegStr $0 HKCU "Environment" "Path"
  ${un.WordReplace} "$0" ";$INSTDIR" "" "+" $1
  ${un.WordReplace} "$1" "$INSTDIR;" "" "+" $1
  ${un.WordReplace} "$1" "$INSTDIR" "" "+" $1
  ${If} $1 != $0
    WriteRegExpandStr HKCU "Environment" "Path" "$1"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=500
  ${EndIf}
SectionEnd
