package org.emospark.corpus.timing;

import java.util.List;
import org.emospark.corpus.text.TimedWord;
import org.emospark.corpus.text.UniformWordTiming;
import org.emospark.corpus.text.Utterance;

/**
 * The authors' fallback: the utterance's duration split evenly over its tokens
 * ({@link UniformWordTiming}); the envelope is ignored. Cost O(words). It is the baseline the
 * acoustic aligners are measured against (see {@link AlignmentEvaluation}).
 */
public final class UniformAligner implements WordAligner {

    @Override
    public List<TimedWord> align(Utterance utterance, EnergyEnvelope envelope) {
        return UniformWordTiming.split(utterance);
    }

    @Override
    public String toString() {
        return WordAligners.UNIFORM;
    }
}
