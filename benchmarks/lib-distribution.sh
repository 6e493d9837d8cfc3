# Sourced by the run-*.sh harnesses: unpacks the assembled distribution under benchmarks/target on free loopback
# ports and starts `bin/karaf server` (admin password bench-pw); sets $home, $http, $start (ns) and an EXIT trap that
# stops Karaf. Waits until /health answers UP and prints the start-up time.
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
dist="assembly/target/gatehouse-assembly-${version}.tar.gz"
[[ -f "$dist" ]] || mvn -B -q -DskipTests install -pl assembly -am
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
home=$(mktemp -d -p "$PWD/benchmarks/target" dist-XXXX)
tar xzf "$dist" -C "$home" --strip-components=1
http=$(free_port)
sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $http/" "$home/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort = .*/sshPort = $(free_port)/" "$home/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort = .*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort = .*/rmiServerPort = $(free_port)/" "$home/etc/org.apache.karaf.management.cfg"
start=$(date +%s%N)
GATEHOUSE_ADMIN_PASSWORD=bench-pw setsid "$home/bin/karaf" server > "$home/console.out" 2>&1 &
launcher=$!
trap 'kill -- -$launcher 2>/dev/null || true; sleep 3; pkill -9 -f "$home" || true' EXIT
until curl -sf -m 2 "http://127.0.0.1:$http/gatehouse/api/health" | grep -q '"UP"'; do
  sleep 0.2
  if (( ($(date +%s%N) - start) / 1000000000 > 180 )); then echo "not UP after 180 s"; exit 1; fi
done
echo "start to /health UP: $(( ($(date +%s%N) - start) / 1000000 )) ms"
