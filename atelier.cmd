@echo off
rem Atelier launcher for Windows, the twin of ./atelier: builds on first use, then runs the bridge's CLI.
rem   atelier serve [--host 127.0.0.1] [--port 7437] [--home DIR]
rem   set ATELIER_DEVICE=cuda before it to build and run with libtorch's CUDA build (docs\gpu.md).
rem   atelier bench ..., atelier demo brand, atelier eval micro, atelier eval brand ID: the developer tools, run from
rem   the tools module's jar (tools\target\atelier-tools.jar) instead of the app's.
setlocal
set "ROOT=%~dp0"
set "MODULE=bridge-server"
set "JAR=%ROOT%bridge-server\target\atelier.jar"
if /I "%~1"=="bench" goto tools
if /I "%~1"=="demo" goto tools
if /I "%~1"=="eval" if /I "%~2"=="micro" goto tools
if /I "%~1"=="eval" if /I "%~2"=="brand" goto tools
goto chosen
:tools
set "MODULE=tools"
set "JAR=%ROOT%tools\target\atelier-tools.jar"
:chosen
set "MARKER=%ROOT%%MODULE%\target\atelier-natives"
set "VARIANT=cpu"
set "PROFILE="
if /I "%ATELIER_DEVICE%"=="cuda" set "VARIANT=cuda"
if /I "%ATELIER_DEVICE%"=="gpu" set "VARIANT=cuda"
if "%VARIANT%"=="cuda" (
  set "PROFILE=-Pgpu"
  if not defined PYTORCH_FLAVOR set "PYTORCH_FLAVOR=cu128"
)
set "BUILT="
if exist "%MARKER%" set /p BUILT=<"%MARKER%"
rem Unlike ./atelier this twin does not look for newer sources: after pulling changes, delete bridge-server\target
rem (and tools\target).
if not exist "%JAR%" goto build
if not "%BUILT%"=="%VARIANT%" goto build
goto run

:build
echo atelier: building (first run or another device; about a minute)... 1>&2
rem The tools' build remakes the app's too: neither lib\ may keep the other device's natives.
if exist "%ROOT%bridge-server\target\lib" rmdir /s /q "%ROOT%bridge-server\target\lib"
if exist "%ROOT%%MODULE%\target\lib" rmdir /s /q "%ROOT%%MODULE%\target\lib"
pushd "%ROOT%"
call mvnw.cmd -q -B -DskipTests %PROFILE% -pl %MODULE% -am package
if errorlevel 1 (
  popd
  echo atelier: build failed. 1>&2
  exit /b 1
)
popd
> "%ROOT%bridge-server\target\atelier-natives" echo %VARIANT%
> "%MARKER%" echo %VARIANT%

:run
if not defined OMP_WAIT_POLICY set "OMP_WAIT_POLICY=PASSIVE"
if defined JAVA_HOME (set "JAVA_BIN=%JAVA_HOME%\bin\java") else (set "JAVA_BIN=java")
"%JAVA_BIN%" %ATELIER_JAVA_OPTS% -jar "%JAR%" %*
