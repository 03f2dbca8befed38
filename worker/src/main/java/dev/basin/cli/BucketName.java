package dev.basin.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The naming rules of S3 general-purpose buckets, checked before Basin talks to S3, so that a name
 * S3 (or a compatible server) would refuse, or read as something else (an IP address, an access
 * point alias), is bad input naming the rule it breaks.
 */
final class BucketName {
    private static final Pattern CHARS = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketName() {}

    /** @throws BadInputException naming the rule {@code name} breaks */
    static void check(String name) {
        String broken = brokenRule(name);
        if (broken != null) {
            throw new BadInputException("--bucket (or BASIN_BUCKET) '" + printable(name) + "': " + broken);
        }
    }

    /** The rule {@code name} breaks, or null. */
    static String brokenRule(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return "a bucket name has 3 to 63 characters, not " + name.length();
        }
        if (!CHARS.matcher(name).matches()) {
            return "a bucket name has only lower-case letters, digits, '.' and '-'";
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            return "a bucket name begins and ends with a letter or a digit";
        }
        if (name.contains("..")) {
            return "a bucket name has no two adjacent periods";
        }
        if (IP.matcher(name).matches()) {
            return "a bucket name is not an IP address";
        }
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return "a bucket name does not begin with '" + prefix + "' (reserved by S3)";
            }
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                return "a bucket name does not end with '" + suffix + "' (reserved by S3)";
            }
        }
        return null;
    }

    /** The name as a message may show it: control characters escaped, at most 80 characters. */
    private static String printable(String name) {
        StringBuilder s = new StringBuilder();
        name.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return name.codePointCount(0, name.length()) > 80 ? s + "..." : s.toString();
    }
}
