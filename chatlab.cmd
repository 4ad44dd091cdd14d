@echo off
rem The kit's tools: chatlab grade SUBMISSION --out RESULTS, ... (chatlab --help lists them).
rem Builds the tools on first use with the Maven wrapper, then runs them.
setlocal
set "KIT=%~dp0"
set "KIT=%KIT:~0,-1%"
set "JAR=%KIT%\tools\target\chatlab-tools.jar"
if not exist "%JAR%" (
  echo Building the kit's tools ^(once^)... 1>&2
  pushd "%KIT%"
  call mvnw.cmd --quiet --batch-mode --no-transfer-progress -pl tools -am package -DskipTests 1>&2
  popd
  if errorlevel 1 exit /b 1
)
java -Dchatlab.kit="%KIT%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
