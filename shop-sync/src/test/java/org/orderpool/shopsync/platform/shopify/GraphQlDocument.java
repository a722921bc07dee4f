package org.orderpool.shopsync.platform.shopify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL document as the fake Shopify reads it: one operation (query or mutation) with its variable
 * definitions, fields with arguments, aliases and directives, and inline fragments. Enough of the
 * GraphQL grammar (October 2021 spec) for what an Admin API client sends; anything else is a syntax
 * error, as Shopify would answer it.
 */
final class GraphQlDocument {

    /** A type reference: {@code ID!}, {@code [String!]!}. */
    record TypeRef(String name, TypeRef item, boolean nonNull) {

        boolean isList() {
            return item != null;
        }

        @Override
        public String toString() {
            return (item != null ? "[" + item + "]" : name) + (nonNull ? "!" : "");
        }
    }

    sealed interface Selection {
    }

    record Field(String alias, String name, Map<String, Object> arguments, List<Directive> directives, List<Selection> selections,
                 int line, int column) implements Selection {

        String responseKey() {
            return alias != null ? alias : name;
        }
    }

    record InlineFragment(String typeCondition, List<Selection> selections) implements Selection {
    }

    record Directive(String name, Map<String, Object> arguments) {
    }

    /** A variable used as a value. */
    record Variable(String name) {
    }

    /** An enum value written without quotes. */
    record EnumValue(String name) {
    }

    record Operation(String type, String name, Map<String, TypeRef> variables, List<Selection> selections) {
    }

    static final class SyntaxError extends RuntimeException {
        final int line;
        final int column;

        SyntaxError(final String message, final int line, final int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    private final String text;
    private int at;

    private GraphQlDocument(final String text) {
        this.text = text;
    }

    /** A type written as in a schema or a variable definition: {@code [String!]!}. */
    static TypeRef typeOf(final String text) {
        final GraphQlDocument parser = new GraphQlDocument(text);
        final TypeRef type = parser.type();
        parser.skipIgnored();
        if (parser.at < text.length()) {
            throw new IllegalArgumentException("not a type: " + text);
        }
        return type;
    }

    /** The document's only operation. */
    static Operation parse(final String text) {
        final GraphQlDocument parser = new GraphQlDocument(text == null ? "" : text);
        final Operation operation = parser.operation();
        parser.skipIgnored();
        if (parser.at < parser.text.length()) {
            throw parser.error("Expected end of document (one operation per request), found '" + parser.peekChar() + "'");
        }
        return operation;
    }

    private Operation operation() {
        skipIgnored();
        if (peek('{')) {
            return new Operation("query", null, Map.of(), selectionSet());
        }
        final String type = name();
        if (!type.equals("query") && !type.equals("mutation")) {
            throw error("Expected query or mutation, found '" + type + "'");
        }
        skipIgnored();
        final String name = peekNameStart() ? name() : null;
        final Map<String, TypeRef> variables = new LinkedHashMap<>();
        skipIgnored();
        if (accept('(')) {
            while (!closes(')')) {
                expect('$');
                final String variable = name();
                expect(':');
                variables.put(variable, type());
                skipIgnored();
                if (accept('=')) {
                    value(true);
                }
            }
        }
        return new Operation(type, name, variables, selectionSet());
    }

    private List<Selection> selectionSet() {
        expect('{');
        final List<Selection> selections = new ArrayList<>();
        while (!closes('}')) {
            skipIgnored();
            if (text.startsWith("...", at)) {
                at += 3;
                skipIgnored();
                final String on = name();
                if (!on.equals("on")) {
                    throw error("Fragment spreads are not supported by this fake, only inline fragments (... on Type)");
                }
                final String type = name();
                selections.add(new InlineFragment(type, selectionSet()));
            } else {
                selections.add(field());
            }
            if (at >= text.length()) {
                throw error("Unexpected end of document: a selection set is not closed");
            }
        }
        if (selections.isEmpty()) {
            throw error("A selection set must not be empty");
        }
        return selections;
    }

    private Field field() {
        skipIgnored();
        final int line = line();
        final int column = column();
        String alias = null;
        String name = name();
        skipIgnored();
        if (accept(':')) {
            alias = name;
            name = name();
        }
        final Map<String, Object> arguments = arguments();
        final List<Directive> directives = new ArrayList<>();
        skipIgnored();
        while (accept('@')) {
            directives.add(new Directive(name(), arguments()));
            skipIgnored();
        }
        final List<Selection> selections = peek('{') ? selectionSet() : List.of();
        return new Field(alias, name, arguments, directives, selections, line, column);
    }

    private Map<String, Object> arguments() {
        final Map<String, Object> arguments = new LinkedHashMap<>();
        skipIgnored();
        if (accept('(')) {
            while (!closes(')')) {
                final String name = name();
                expect(':');
                if (arguments.put(name, value(false)) != null) {
                    throw error("There can be only one argument named '" + name + "'");
                }
            }
        }
        return arguments;
    }

    private Object value(final boolean constant) {
        skipIgnored();
        final char c = peekChar();
        if (c == '$') {
            if (constant) {
                throw error("A default value cannot use a variable");
            }
            at++;
            return new Variable(name());
        }
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            at++;
            final List<Object> items = new ArrayList<>();
            while (!closes(']')) {
                items.add(value(constant));
            }
            return items;
        }
        if (c == '{') {
            at++;
            final Map<String, Object> fields = new LinkedHashMap<>();
            while (!closes('}')) {
                final String name = name();
                expect(':');
                fields.put(name, value(constant));
            }
            return fields;
        }
        if (c == '-' || Character.isDigit(c)) {
            final int start = at;
            at++;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || "+-.eE".indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            final String number = text.substring(start, at);
            return number.contains(".") || number.contains("e") || number.contains("E") ? (Object) Double.parseDouble(number)
                    : (Object) Long.parseLong(number);
        }
        final String name = name();
        return switch (name) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> new EnumValue(name);
        };
    }

    private String string() {
        if (text.startsWith("\"\"\"", at)) {
            final int end = text.indexOf("\"\"\"", at + 3);
            if (end < 0) {
                throw error("Unterminated block string");
            }
            final String value = text.substring(at + 3, end);
            at = end + 3;
            return value;
        }
        at++;
        final StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= text.length() || text.charAt(at) == '\n') {
                throw error("Unterminated string");
            }
            final char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                final char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> value.append(escaped);
                }
            } else {
                value.append(c);
            }
        }
    }

    private TypeRef type() {
        skipIgnored();
        final TypeRef type;
        if (accept('[')) {
            final TypeRef item = type();
            expect(']');
            type = new TypeRef(null, item, false);
        } else {
            type = new TypeRef(name(), null, false);
        }
        skipIgnored();
        return accept('!') ? new TypeRef(type.name(), type.item(), true) : type;
    }

    private String name() {
        skipIgnored();
        if (!peekNameStart()) {
            throw error("Expected a name, found '" + (at < text.length() ? String.valueOf(peekChar()) : "end of document") + "'");
        }
        final int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        return text.substring(start, at);
    }

    private boolean peekNameStart() {
        return at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_');
    }

    private void skipIgnored() {
        while (at < text.length()) {
            final char c = text.charAt(at);
            if (c == '#') {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
                at++;
            } else {
                return;
            }
        }
    }

    private boolean peek(final char c) {
        skipIgnored();
        return at < text.length() && text.charAt(at) == c;
    }

    private char peekChar() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private boolean accept(final char c) {
        if (peek(c)) {
            at++;
            return true;
        }
        return false;
    }

    /** Whether a list's closing character is next; the end of the document before it is an error. */
    private boolean closes(final char c) {
        if (accept(c)) {
            return true;
        }
        if (at >= text.length()) {
            throw error("Unexpected end of document: expected '" + c + "'");
        }
        return false;
    }

    private void expect(final char c) {
        if (!accept(c)) {
            throw error("Expected '" + c + "', found '" + peekChar() + "'");
        }
    }

    private int line() {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private int column() {
        final int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1));
        return at - lineStart;
    }

    private SyntaxError error(final String message) {
        return new SyntaxError(message, line(), column());
    }
}
