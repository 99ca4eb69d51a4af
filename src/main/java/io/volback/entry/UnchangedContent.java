package io.volback.entry;

/**
 * UnchangedContent is the opener of a FILE entry its source found unchanged against the parent
 * snapshot without reading it (the entry is the parent's own); a backup may then take the parent's
 * content instead of opening it.
 */
@FunctionalInterface
public interface UnchangedContent extends ContentOpener {}
