package io.careerdata.datahealth;

import io.smallrye.mutiny.Uni;

/** One part of the data-layer health. Its check never blocks the calling thread. */
interface DataPart {

    /** The part's name in the answer. */
    String name();

    Uni<PartReport> check();
}
