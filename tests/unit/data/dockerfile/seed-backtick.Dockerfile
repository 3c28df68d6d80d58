# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
WORKDIR C:\\app
RUN powershell -Command `
    Write-Host hi
COPY . C:\app\
