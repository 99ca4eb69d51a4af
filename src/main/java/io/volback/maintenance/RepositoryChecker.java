package io.volback.maintenance;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.RepositoryException;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * RepositoryChecker checks a repository as restic's check does, in two calls: open() checks the key
 * files and the config and opens the repository (empty when they do not allow it, which is a
 * finding), check() then checks the index objects, the packs against the index and their headers,
 * optionally the data of the packs readData selects, the snapshots and their trees, and the drill
 * records (a damaged one is INFO: nothing depends on it). report() gives the findings. Memory: the
 * index, a summary per pack, one pack at a time.
 */
public final class RepositoryChecker {
  private final ReadDataSelection readData;
  private final CheckListener listener;
  private final Findings findings = new Findings();
  private int keys;
  private int indexObjects;
  private int packs;
  private int orphans;
  private int snapshots;
  private int blobs;
  private int readPacks;
  private long readBytes;

  public RepositoryChecker(ReadDataSelection readData, CheckListener listener) {
    this.readData = readData;
    this.listener = listener;
  }

  /**
   * Checks the key files and the config, and opens the repository with password. A wrong password
   * with sound key files is thrown (no damage); damage that stops the opening is a finding.
   */
  public Optional<Repository> open(ObjectStore store, char[] password) throws IOException {
    keys = KeyFileCheck.run(store, findings);
    if (store.stat(RepoLayout.CONFIG).isEmpty()) {
      findings.error(RepoLayout.CONFIG, "the config is missing");
      return Optional.empty();
    }
    Repository repo;
    try {
      repo = Repository.open(store, password);
    } catch (CorruptObjectException e) {
      findings.error(RepoLayout.CONFIG, e.getMessage());
      return Optional.empty();
    } catch (RepositoryException e) {
      if (findings.count(Severity.ERROR) == 0) {
        throw e;
      }
      findings.error(RepoLayout.KEYS, "the repository cannot be opened: " + e.getMessage());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      findings.error(RepoLayout.CONFIG, "the config is not valid: " + e.getMessage());
      return Optional.empty();
    }
    for (String problem : ConfigCheck.problems(repo.config())) {
      findings.error(RepoLayout.CONFIG, "the config is not valid: " + problem);
    }
    return Optional.of(repo);
  }

  /** Checks everything but keys and config in repo, opened by open(). */
  public void check(Repository repo) throws IOException {
    LoadedIndex loaded = new IndexCheck(repo, findings, listener).run();
    indexObjects = loaded.objects();
    blobs = loaded.index().size();
    PackCheck packCheck = new PackCheck(repo, loaded, findings, listener);
    List<ObjectInfo> readable = packCheck.run();
    packs = loaded.packs().size();
    orphans = packCheck.orphans();
    List<ObjectInfo> toRead = readData.select(readable, info -> RepoLayout.idOf(info.key()));
    if (!toRead.isEmpty()) {
      PackDataCheck data = new PackDataCheck(repo, loaded, findings, listener);
      data.run(toRead);
      readPacks = toRead.size();
      readBytes = data.bytesRead();
    }
    snapshots = new SnapshotCheck(repo, loaded, findings, listener).run();
    new DrillCheck(repo, findings).run();
  }

  public CheckReport report() {
    return new CheckReport(
        findings.list(),
        new CheckSummary(
            findings.count(Severity.ERROR),
            findings.count(Severity.INFO),
            keys,
            indexObjects,
            packs,
            orphans,
            snapshots,
            blobs,
            readData.describe(),
            readPacks,
            readBytes));
  }
}
