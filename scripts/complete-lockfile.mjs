#!/usr/bin/env node
// The package registry these machines use does not serve some platform-specific optional
// packages (macOS and Windows builds of the Next.js compiler, most rollup binaries), so npm
// leaves them out of package-lock.json and `npm ci` then refuses the lockfile as out of sync.
// This adds a lock entry, with the os/cpu/libc that its name states, for every missing
// optional dependency pinned to an exact version. npm skips entries for other platforms, and
// installs them normally on those platforms. Run after changing dependencies:
//   npm run lockfile
import fs from 'node:fs';

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'openharmony', 'sunos', 'aix'];
const CPU = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', arm: 'arm' };

export function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = tokens.find((t) => OS.includes(t));
  const cpu = tokens.map((t) => CPU[t] ?? (/^arm/.test(t) && t !== 'arm64' ? 'arm' : undefined)).find(Boolean);
  const libc = tokens.includes('musl') || tokens.some((t) => t.startsWith('musl')) ? 'musl' : tokens.some((t) => t === 'gnu' || t.startsWith('gnu')) ? 'glibc' : undefined;
  return { os, cpu, libc };
}

export function completeLockfile(lock) {
  const packages = lock.packages;
  const added = [];
  for (const [location, entry] of Object.entries(packages)) {
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
      if (packages[nested] || packages[`node_modules/${name}`]) continue;
      if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) continue;
      const { os, cpu, libc } = platformOf(name);
      if (!os) continue;
      packages[`node_modules/${name}`] = {
        version: spec,
        ...(cpu ? { cpu: [cpu] } : {}),
        ...(libc ? { libc: [libc] } : {}),
        optional: true,
        os: [os],
      };
      added.push(`${name}@${spec}`);
    }
  }
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  return added;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const file = process.argv[2] ?? 'package-lock.json';
  const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
  const added = completeLockfile(lock);
  fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
  console.log(added.length ? `added ${added.length} platform entries: ${added.join(', ')}` : 'lockfile already complete');
}
