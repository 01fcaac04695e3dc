# Shared by the benchmark scripts (sourced): pack GoBootCheck as shipped and make a consumer project around it.
# Needs ROOT and WORK set; exports NUGET_PACKAGES into WORK so that nothing outside it is touched.
export NUGET_PACKAGES="$WORK/nuget-cache" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

# gbc_pack: packs the package (ReadyToRun unless GOBOOTCHECK_READYTORUN=false) into $WORK/packages; sets GBC_VERSION.
gbc_pack() {
  echo "packing GoBootCheck (ReadyToRun: ${GOBOOTCHECK_READYTORUN:-true}) …" >&2
  dotnet pack "$ROOT/src/Tasks/GoBootCheck.Package/GoBootCheck.Package.csproj" -c Release -o "$WORK/packages" -nodeReuse:false \
    -p:GoBootCheckReadyToRun="${GOBOOTCHECK_READYTORUN:-true}" >"$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log" >&2; exit 1; }
  GBC_VERSION="$(basename "$WORK"/packages/GoBootCheck.*.nupkg .nupkg)"
  GBC_VERSION="${GBC_VERSION#GoBootCheck.}"
}

# gbc_consumer ITEMS: a restored consumer project $WORK/consumer/Consumer.csproj whose GoBootCheckBinary items are the
# MSBuild XML in ITEMS.
gbc_consumer() {
  mkdir -p "$WORK/consumer"
  cat >"$WORK/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="gobootcheck-local" value="$WORK/packages" />
  </packageSources>
</configuration>
XML
  cat >"$WORK/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="GoBootCheck" Version="$GBC_VERSION" />
$1
  </ItemGroup>
</Project>
XML
  dotnet restore "$WORK/consumer/Consumer.csproj" -nodeReuse:false >"$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log" >&2; exit 1; }
}

# gbc_task_ms LOG: VerifyGoBinaries' time from MSBuild's "Task Performance Summary" ("<ms> ms  VerifyGoBinaries  <n> calls").
gbc_task_ms() { awk '/Task Performance Summary/ { s = 1 } s && $3 == "VerifyGoBinaries" { print $1; exit }' "$1"; }

gbc_median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
