package org.emospark.corpus.text;

/**
 * One speaking turn in seconds from the start of the recording, {@code 0 <= startS <= endS}, and
 * whose voice it is: {@link #SUBJECT} or {@link #INTERLOCUTOR}.
 */
public record Turn(double startS, double endS, String speaker) {
    public static final String SUBJECT = "subject";
    public static final String INTERLOCUTOR = "interlocutor";
}
