package dev.pyz.wheel;

/** The rules an archive entry name must follow to be safe to install anywhere. */
public final class EntryNames {
    private EntryNames() {}

    /** Why {@code name} is unsafe, or null when it is fine. A trailing '/' marks a directory. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.indexOf('\0') >= 0) {
            return "the name contains a NUL character";
        }
        if (name.indexOf('\\') >= 0) {
            return "the name contains a backslash (names use '/' only)";
        }
        if (name.startsWith("/")) {
            return "absolute path (names must be relative)";
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return "the name starts with a drive letter";
        }
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : TextLines.segments(path)) {
            if (segment.isEmpty()) {
                return "empty path segment ('//')";
            }
            if (segment.equals("..")) {
                return "'..' segment (the path would leave its folder)";
            }
            if (segment.equals(".")) {
                return "'.' segment";
            }
        }
        return null;
    }
}
