package dev.pyz.requirement;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An environment marker of the dependency specifiers specification (PEP 508), such as
 * {@code platform_machine == "x86_64" and (python_version >= "3.8" or os_name == "nt")}.
 *
 * <p>{@code and} binds tighter than {@code or}; parentheses group. A comparison has a marker
 * variable or a quoted string (either quote) on each side, joined by {@code == != <= >= < > ~= ===
 * in} or {@code not in}. The legacy dotted names ({@code os.name}, {@code sys.platform},
 * {@code platform.version}, {@code platform.machine}, {@code platform.python_implementation}) and
 * {@code python_implementation} are read as their current names.
 *
 * <p>Evaluation follows the specification's field types:
 *
 * <ul>
 *   <li>{@code python_version}, {@code python_full_version}, {@code implementation_version} (Version)
 *       and {@code platform_release}, {@code platform_version} (Version | String): when the value
 *       parses as a version and the operator and constant as a version specifier, the comparison is
 *       the specifier's ({@code python_full_version < "3.11"} is {@code <3.11} applied to the
 *       value); otherwise they compare as strings;
 *   <li>the other variables are strings: {@code ==}, {@code !=} compare exactly (case matters),
 *       {@code <=}, {@code >=}, {@code ~=}, {@code ===} act as {@code ==}, and {@code <}, {@code >}
 *       are false;
 *   <li>{@code in} and {@code not in} are substring tests on any variable but {@code extra};
 *   <li>{@code extra} is the set of requested extras, names normalized (PEP 685): {@code extra ==
 *       "x"} is true when {@code x} is among them, {@code extra != "x"} when it is not; any other
 *       operator on {@code extra} is false.
 * </ul>
 */
public final class Marker {
    private enum Type {
        VERSION,
        VERSION_OR_STRING,
        STRING,
        EXTRA
    }

    private static final Map<String, Type> VARIABLES = new TreeMap<>(Map.ofEntries(
            Map.entry("python_version", Type.VERSION),
            Map.entry("python_full_version", Type.VERSION),
            Map.entry("implementation_version", Type.VERSION),
            Map.entry("platform_release", Type.VERSION_OR_STRING),
            Map.entry("platform_version", Type.VERSION_OR_STRING),
            Map.entry("os_name", Type.STRING),
            Map.entry("sys_platform", Type.STRING),
            Map.entry("platform_system", Type.STRING),
            Map.entry("platform_machine", Type.STRING),
            Map.entry("platform_python_implementation", Type.STRING),
            Map.entry("implementation_name", Type.STRING),
            Map.entry("extra", Type.EXTRA)));

    private static final Map<String, String> LEGACY_NAMES = Map.of(
            "os.name", "os_name",
            "sys.platform", "sys_platform",
            "platform.version", "platform_version",
            "platform.machine", "platform_machine",
            "platform.python_implementation", "platform_python_implementation",
            "python_implementation", "platform_python_implementation");

    private enum Op {
        EQUAL("=="),
        NOT_EQUAL("!="),
        LESS_EQUAL("<="),
        GREATER_EQUAL(">="),
        LESS("<"),
        GREATER(">"),
        COMPATIBLE("~="),
        ARBITRARY("==="),
        IN("in"),
        NOT_IN("not in");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    private sealed interface Node permits And, Or, Comparison {}

    private record And(Node left, Node right) implements Node {}

    private record Or(Node left, Node right) implements Node {}

    /** One side of a comparison: a variable (canonical name) or a literal. */
    private record Operand(String variable, String literal) {
        Type type() {
            return variable == null ? null : VARIABLES.get(variable);
        }

        @Override
        public String toString() {
            if (variable != null) {
                return variable;
            }
            char quote = literal.indexOf('"') >= 0 ? '\'' : '"';
            return quote + literal + quote;
        }
    }

    private record Comparison(Operand left, Op op, Operand right) implements Node {}

    private final Node root;

    private Marker(Node root) {
        this.root = root;
    }

    /**
     * Parses a marker.
     *
     * @throws IllegalArgumentException naming the text, the column and what was expected there, for
     *     instance an unknown variable, an unterminated string, a missing {@code )} or a chained
     *     comparison
     */
    public static Marker parse(String text) {
        Objects.requireNonNull(text, "text");
        Cursor c = new Cursor("marker", text);
        Marker marker = parse(c);
        if (!c.atEnd()) {
            throw c.error(unexpected(c));
        }
        return marker;
    }

    /** Parses a marker at the cursor, stopping after the spaces that follow it. */
    static Marker parse(Cursor c) {
        Node root = parseOr(c);
        c.skipSpaces();
        return new Marker(root);
    }

    static String unexpected(Cursor c) {
        if (Specifier.Operator.at(c) != null) {
            return "unexpected " + c.describe(c.pos) + "; comparisons cannot be chained, join them with 'and'";
        }
        return "unexpected " + c.describe(c.pos) + "; expected 'and', 'or' or the end of the marker";
    }

    private static Node parseOr(Cursor c) {
        Node node = parseAnd(c);
        while (true) {
            c.skipSpaces();
            if (!keyword(c, "or")) {
                return node;
            }
            c.pos += 2;
            node = new Or(node, parseAnd(c));
        }
    }

    private static Node parseAnd(Cursor c) {
        Node node = parseExpression(c);
        while (true) {
            c.skipSpaces();
            if (!keyword(c, "and")) {
                return node;
            }
            c.pos += 3;
            node = new And(node, parseExpression(c));
        }
    }

    private static Node parseExpression(Cursor c) {
        c.skipSpaces();
        if (c.peek() == '(') {
            int open = c.pos++;
            Node inner = parseOr(c);
            c.skipSpaces();
            if (c.peek() != ')') {
                throw c.error(Specifier.Operator.at(c) != null
                        ? unexpected(c)
                        : "expected ')' to close the '(' at column " + (open + 1) + " but found " + c.describe(c.pos));
            }
            c.pos++;
            return inner;
        }
        Operand left = parseOperand(c);
        c.skipSpaces();
        Op op = parseOperator(c);
        c.skipSpaces();
        Operand right = parseOperand(c);
        return new Comparison(left, op, right);
    }

    private static Operand parseOperand(Cursor c) {
        char ch = c.peek();
        if (ch == '"' || ch == '\'') {
            int open = c.pos;
            int close = c.text.indexOf(ch, open + 1);
            if (close < 0 || close >= c.end) {
                throw c.error(open, "unterminated string (no closing " + ch + ")");
            }
            c.pos = close + 1;
            return new Operand(null, c.text.substring(open + 1, close));
        }
        int from = c.pos;
        while (isNameChar(c.peek())) {
            c.pos++;
        }
        if (from == c.pos) {
            throw c.error("expected a marker variable, a quoted string or '(' but found " + c.describe(c.pos));
        }
        String name = c.text.substring(from, c.pos);
        String canonical = LEGACY_NAMES.getOrDefault(name, name);
        if (Cursor.isDigit(name.charAt(0))) {
            throw c.error(from, "the value " + name + " must be quoted (\"" + name + "\")");
        }
        if (!VARIABLES.containsKey(canonical)) {
            throw c.error(from, "unknown marker variable '" + name + "' (known: "
                    + String.join(", ", VARIABLES.keySet()) + "; strings need quotes)");
        }
        return new Operand(canonical, null);
    }

    private static Op parseOperator(Cursor c) {
        Specifier.Operator versionOp = Specifier.Operator.at(c);
        if (versionOp != null) {
            c.pos += versionOp.symbol().length();
            return switch (versionOp) {
                case COMPATIBLE -> Op.COMPATIBLE;
                case EQUAL -> Op.EQUAL;
                case NOT_EQUAL -> Op.NOT_EQUAL;
                case LESS_EQUAL -> Op.LESS_EQUAL;
                case GREATER_EQUAL -> Op.GREATER_EQUAL;
                case LESS -> Op.LESS;
                case GREATER -> Op.GREATER;
                case ARBITRARY -> Op.ARBITRARY;
            };
        }
        if (keyword(c, "in")) {
            c.pos += 2;
            return Op.IN;
        }
        if (keyword(c, "not")) {
            c.pos += 3;
            c.skipSpaces();
            if (!keyword(c, "in")) {
                throw c.error("expected 'in' after 'not' but found " + c.describe(c.pos));
            }
            c.pos += 2;
            return Op.NOT_IN;
        }
        throw c.error("expected an operator (==, !=, <=, >=, <, >, ~=, ===, in, not in) but found " + c.describe(c.pos));
    }

    private static boolean keyword(Cursor c, String word) {
        return c.lookingAt(word) && !isNameChar(c.peek(word.length()));
    }

    private static boolean isNameChar(char ch) {
        return Cursor.isLetterOrDigit(ch) || ch == '_' || ch == '.';
    }

    /** {@link #evaluate(Map, Set)} with no extras requested. */
    public boolean evaluate(Map<String, String> environment) {
        return evaluate(environment, Set.of());
    }

    /**
     * Evaluates the marker.
     *
     * @param environment the value of each variable the marker uses other than {@code extra}, keyed
     *     by the names of the specification ({@link MarkerEnvironment} builds one)
     * @param extras the extras requested for the distribution whose metadata holds the marker, in
     *     any spelling; {@code extra == "x"} is true when one of them normalizes to {@code x}'s form
     * @throws IllegalArgumentException when the environment has no value for a variable the marker
     *     uses
     */
    public boolean evaluate(Map<String, String> environment, Set<String> extras) {
        Objects.requireNonNull(environment, "environment");
        Set<String> normalizedExtras = new HashSet<>();
        for (String extra : extras) {
            normalizedExtras.add(Requirement.normalizeName(extra));
        }
        return evaluate(root, environment, normalizedExtras);
    }

    private boolean evaluate(Node node, Map<String, String> environment, Set<String> extras) {
        if (node instanceof And and) {
            return evaluate(and.left(), environment, extras) && evaluate(and.right(), environment, extras);
        }
        if (node instanceof Or or) {
            return evaluate(or.left(), environment, extras) || evaluate(or.right(), environment, extras);
        }
        Comparison comparison = (Comparison) node;
        Operand left = comparison.left();
        Operand right = comparison.right();
        Op op = comparison.op();
        if (left.type() == Type.EXTRA || right.type() == Type.EXTRA) {
            Operand other = left.type() == Type.EXTRA ? right : left;
            if (other.type() == Type.EXTRA) {
                return false; // extra == extra compares nothing meaningful
            }
            boolean requested = extras.contains(Requirement.normalizeName(value(other, environment)));
            return switch (op) {
                case EQUAL -> requested;
                case NOT_EQUAL -> !requested;
                default -> false;
            };
        }
        String l = value(left, environment);
        String r = value(right, environment);
        if (op == Op.IN) {
            return r.contains(l);
        }
        if (op == Op.NOT_IN) {
            return !r.contains(l);
        }
        Type type = left.type() != null ? left.type() : right.type() != null ? right.type() : Type.VERSION_OR_STRING;
        if (type != Type.STRING) {
            if (op == Op.ARBITRARY) {
                return l.equalsIgnoreCase(r);
            }
            Optional<Boolean> asVersions = compareVersions(l, op, r);
            if (asVersions.isPresent()) {
                return asVersions.get();
            }
        }
        return switch (op) {
            case EQUAL, LESS_EQUAL, GREATER_EQUAL, COMPATIBLE, ARBITRARY -> l.equals(r);
            case NOT_EQUAL -> !l.equals(r);
            default -> false; // < and > make no sense for strings
        };
    }

    /** {@code l op r} by the version specifiers specification, or empty when either side is no version. */
    private static Optional<Boolean> compareVersions(String l, Op op, String r) {
        Optional<Version> version = Version.tryParse(l);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Specifier specifier;
        try {
            specifier = Specifier.parse(op.symbol + r);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(specifier.contains(version.get()));
    }

    private static String value(Operand operand, Map<String, String> environment) {
        if (operand.variable() == null) {
            return operand.literal();
        }
        String value = environment.get(operand.variable());
        if (value == null) {
            throw new IllegalArgumentException("The marker environment has no value for '" + operand.variable()
                    + "', which the marker uses");
        }
        return value;
    }

    /** The variables the marker uses, by their current names ({@code os_name} for {@code os.name}). */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        collectVariables(root, names);
        return names;
    }

    private static void collectVariables(Node node, Set<String> names) {
        if (node instanceof And and) {
            collectVariables(and.left(), names);
            collectVariables(and.right(), names);
        } else if (node instanceof Or or) {
            collectVariables(or.left(), names);
            collectVariables(or.right(), names);
        } else {
            Comparison comparison = (Comparison) node;
            for (Operand operand : new Operand[] {comparison.left(), comparison.right()}) {
                if (operand.variable() != null) {
                    names.add(operand.variable());
                }
            }
        }
    }

    /**
     * The normalized form: single spaces around operators, double quotes (single when the string
     * holds a double quote), current variable names, parentheses only where {@code or} sits inside
     * {@code and}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        write(root, s);
        return s.toString();
    }

    private static void write(Node node, StringBuilder s) {
        if (node instanceof Or or) {
            write(or.left(), s);
            s.append(" or ");
            write(or.right(), s);
        } else if (node instanceof And and) {
            writeOperandOfAnd(and.left(), s);
            s.append(" and ");
            writeOperandOfAnd(and.right(), s);
        } else {
            Comparison comparison = (Comparison) node;
            s.append(comparison.left()).append(' ').append(comparison.op().symbol).append(' ').append(comparison.right());
        }
    }

    private static void writeOperandOfAnd(Node node, StringBuilder s) {
        if (node instanceof Or) {
            s.append('(');
            write(node, s);
            s.append(')');
        } else {
            write(node, s);
        }
    }

    /** Markers are equal when their normalized forms are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Marker m && toString().equals(m.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
