#!/usr/bin/env python3
"""Put a folder of wheels into a Maven repository directory under the plugin's coordinate convention.

Usage: install-wheels.py WHEEL_DIR REPOSITORY_DIR [GROUP_ID] > dependencies.xml

Each wheel becomes GROUP_ID:<normalized name>:<version>:whl:<tags> (classifier = the wheel's tag triple,
with its build tag in front when there is one), so the repository file is named exactly like the wheel;
a minimal POM (packaging whl) is written beside it. Prints the <dependency> elements to paste.
This is what `mvn install:install-file -Dpackaging=whl -Dclassifier=...` does, for a whole folder at once.
"""
import os, re, shutil, sys


def main(wheel_dir, repo, group="pypi"):
    deps = []
    for name in sorted(os.listdir(wheel_dir)):
        if not name.endswith(".whl"):
            continue
        parts = name[:-4].split("-")
        if len(parts) not in (5, 6):
            sys.exit(f"{name}: not a wheel file name")
        artifact = re.sub(r"[-_.]+", "_", parts[0]).lower()
        version = parts[1]
        classifier = "-".join(parts[2:])
        target = os.path.join(repo, *group.split("."), artifact, version)
        os.makedirs(target, exist_ok=True)
        base = f"{artifact}-{version}"
        shutil.copyfile(os.path.join(wheel_dir, name), os.path.join(target, f"{base}-{classifier}.whl"))
        pom = os.path.join(target, base + ".pom")
        if not os.path.exists(pom):
            with open(pom, "w") as f:
                f.write(f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{group}</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  <packaging>whl</packaging>
</project>
""")
        deps.append(f"""    <dependency>
      <groupId>{group}</groupId>
      <artifactId>{artifact}</artifactId>
      <version>{version}</version>
      <type>whl</type>
      <classifier>{classifier}</classifier>
    </dependency>""")
    print("\n".join(deps))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(*sys.argv[1:4])
