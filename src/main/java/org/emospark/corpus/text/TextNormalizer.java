package org.emospark.corpus.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where text becomes tokens, for transcripts and for the text the embeddings are
 * trained or looked up on, so both sides agree.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Unicode NFC (a decomposed {@code u}+diaeresis becomes {@code ü}), then lower case with
 *       {@link Locale#ROOT}; {@code ß} stays {@code ß}.</li>
 *   <li>A tag is {@code <}, letters and digits (spaces, {@code _} or {@code -} allowed between
 *       them, not at either end), {@code >}; it becomes one token, with the spaces, {@code _} and {@code -} removed:
 *       {@code <Clearing_Throat>} gives {@code <clearingthroat>}. A tag glued to a word splits it:
 *       {@code great<laughter>} gives {@code great}, {@code <laughter>}. A {@code <} or {@code >}
 *       that does not form a tag is punctuation.</li>
 *   <li>Letters of any script, combining marks and digits make up words. An apostrophe
 *       ({@code '}, {@code ’}, {@code ʼ} or {@code ´}, all written as {@code '}) stays when it sits
 *       between two word characters ({@code don't}, {@code geht's}) and is punctuation otherwise
 *       (the single quotes around AVEC utterances go).</li>
 *   <li>All other characters (punctuation, symbols, {@code _}, whitespace) separate tokens; they are
 *       not deleted, so {@code hallo,wie} gives two tokens and {@code Baden-Württemberg} gives
 *       {@code baden}, {@code württemberg}.</li>
 * </ol>
 * The paper only says punctuation is stripped; keeping inner apostrophes is our choice, and
 * {@link #withoutApostrophes(String)} gives the other spelling for a vocabulary lookup that misses.
 */
public final class TextNormalizer {
    /** The tag AVEC uses for hesitations; an utterance of nothing else gives no words. */
    public static final String FILLER = "<filler>";

    private static final Pattern TAG = Pattern.compile("<([\\p{L}\\p{N}](?:[\\p{L}\\p{N}_\\- ]{0,62}[\\p{L}\\p{N}])?)>");

    private TextNormalizer() {
    }

    /** The tokens of a text, per the rules of the class comment; an empty list for a text without words or tags. */
    public static List<String> normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        Matcher tag = TAG.matcher(s);
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (cp == '<' && tag.region(i, s.length()).lookingAt()) {
                flush(word, tokens);
                tokens.add("<" + tag.group(1).replaceAll("[\\s_\\-]", "") + ">");
                i = tag.end();
                continue;
            }
            if (isWordChar(cp)) {
                word.appendCodePoint(cp);
            } else if (isApostrophe(cp) && word.length() > 0 && i + Character.charCount(cp) < s.length()
                    && isWordChar(s.codePointAt(i + Character.charCount(cp)))) {
                word.append('\'');
            } else {
                flush(word, tokens);
            }
            i += Character.charCount(cp);
        }
        flush(word, tokens);
        return List.copyOf(tokens);
    }

    /** Whether a token is a tag such as {@code <laughter>}. */
    public static boolean isTag(String token) {
        return token.length() > 2 && token.startsWith("<") && token.endsWith(">");
    }

    /** The letters and digits of a word token, what its spoken length goes by; a tag has none. */
    public static int spokenCharacters(String token) {
        if (isTag(token)) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                n++;
            }
            i += Character.charCount(cp);
        }
        return n;
    }

    /** True when there is at least one token and every token is {@link #FILLER}. */
    public static boolean isOnlyFiller(List<String> tokens) {
        return !tokens.isEmpty() && tokens.stream().allMatch(FILLER::equals);
    }

    /** The paper's skip rule for an utterance: nothing left after normalisation, or only fillers. */
    public static boolean isEmptyOrOnlyFiller(List<String> tokens) {
        return tokens.isEmpty() || isOnlyFiller(tokens);
    }

    /** A token with its apostrophes removed ({@code geht's} gives {@code gehts}), for a second lookup. */
    public static String withoutApostrophes(String token) {
        return token.replace("'", "");
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019' || cp == '\u02bc' || cp == '\u00b4';
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }
}
