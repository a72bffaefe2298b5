// Finding the crosscheck executable from the `crosscheck.path` setting: an absolute or relative
// path (with `~` for the home folder), or a name looked up on PATH. Free of the `vscode` module.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) {
      return false;
    }
    fs.accessSync(p, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The executable's absolute path, or undefined when there is none. */
export function findExecutable(configured: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let p = configured.trim();
  if (p === "") {
    return undefined;
  }
  if (p === "~" || p.startsWith("~/")) {
    p = path.join(os.homedir(), p.slice(1));
  }
  const exts = process.platform === "win32" ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";")] : [""];
  if (p.includes("/") || p.includes(path.sep)) {
    const abs = path.resolve(p);
    return exts.map((e) => abs + e).find(isExecutableFile);
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") {
      continue;
    }
    for (const e of exts) {
      const candidate = path.join(dir, p + e);
      if (isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}
