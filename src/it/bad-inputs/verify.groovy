// Every case failed on its own wheel with an error that names the wheel (coordinates and file), the rule and,
// where one applies, the setting; and left
// neither a zipapp nor a temp file in its target/ (which holds its pack cache too).
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')

// case -> what the error must say besides the wheel's file name
Map<String, List<String>> rules = [
    record_hash  : ['does not match its RECORD', 'bad_record_hash/__init__.py', '-Dpyz.verifyRecord=false'],
    not_in_record: ['does not match its RECORD', 'bad_not_in_record/extra.py'],
    dotdot       : ['entry bad_dotdot/../../evil.py', "'..' segment"],
    absolute     : ['entry /tmp/evil.py', 'absolute path'],
    backslash    : ['entry bad_backslash\\evil.py', 'backslash'],
    symlink      : ['entry bad_symlink/passwd', 'symbolic links are not allowed'],
    duplicate    : ['entry bad_duplicate/__init__.py', 'the name occurs twice'],
    casefold     : ['bad_casefold/mod.py', 'bad_casefold/Mod.py', 'only by case'],
    encrypted    : ['entry bad_encrypted/__init__.py', 'encrypted entries are not allowed'],
    method       : ['entry bad_method/__init__.py', 'compression method 12 is not allowed'],
    local_header : ['entry bad_local_header/__init__.py', 'its local header says CRC-32 12345678',
                    'local header and central directory must agree'],
    overlap      : ['overlap entry', 'entries must not share bytes'],
    no_wheel     : ['entry bad_no_wheel-1.0.dist-info/WHEEL is missing'],
    wheel_version: ['entry bad_wheel_version-1.0.dist-info/WHEEL', 'Wheel-Version 2.0 is newer than this plugin understands'],
    two_dist_info: ['exactly one .dist-info folder', 'bad_two_dist_info-1.0.dist-info', 'other-1.0.dist-info'],
    not_zip      : ['bad_not_zip-1.0-py3-none-any.whl: not a zip file (no end of central directory record)'],
    empty        : ['not a zip file (0 bytes, too short for an end record)'],
    truncated    : ['bad_truncated-1.0-py3-none-any.whl: not a zip file'],
    jar          : ['exactly one .dist-info folder at its root, this one has none'],
    too_large    : ['the limit for one wheel', '100 bytes', 'maxWheelSize'],
]
List<String> problems = []
rules.each { c, expected ->
    String wheel = c == 'too_large' ? 'greet-1.0-py3-none-any.whl' : "bad_${c}-1.0-py3-none-any.whl"
    // Maven's summary: "[ERROR] Failed to execute goal ... on project bad-<case>: <message>"
    String error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') && it.contains("on project bad-${c}:") }
    if (error == null) {
        problems << "${c}: no failure of project bad-${c} in build.log"
        return
    }
    String message = error.substring(error.indexOf("on project bad-${c}:"))
    // the wheel's Maven coordinates name it among the project's dependencies, its file name in the archive
    String coordinates = c == 'too_large' ? 'it.pyz.wheels:greet:whl:' : "it.pyz.bad:bad_${c}:whl:"
    ([coordinates, wheel] + expected).each { if (!message.contains(it)) problems << "${c}: the error does not say <${it}>: ${message}" }
    if (message.contains('Exception')) problems << "${c}: the error shows an exception class: ${message}"
    File target = new File(basedir, "${c}/target")
    if (target.exists()) {
        target.eachFileRecurse { File f ->
            if (f.name.endsWith('.pyz') || f.name.endsWith('.tmp')) problems << "${c}: left ${f} behind"
        }
    }
}
assert problems.isEmpty() : problems.join('\n')
println "bad-inputs: ${rules.size()} cases failed as they should"
return true
