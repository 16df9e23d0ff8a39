package org.linnea.net.dimse;

import java.util.Optional;
import org.linnea.dicom.Tag;

/** A DIMSE response received by a service user: its command and, when present, its data set. */
public record DimseResponse(Command command, Optional<EncodedDataSet> dataSet) {
  public int status() {
    return command.status();
  }

  public boolean isPending() {
    return Status.isPending(status());
  }

  public Optional<String> errorComment() {
    return command.getString(Tag.ErrorComment);
  }

  public int remaining() {
    return command.getInt(Tag.NumberOfRemainingSuboperations).orElse(-1);
  }

  public int completed() {
    return command.getInt(Tag.NumberOfCompletedSuboperations).orElse(0);
  }

  public int failed() {
    return command.getInt(Tag.NumberOfFailedSuboperations).orElse(0);
  }

  public int warning() {
    return command.getInt(Tag.NumberOfWarningSuboperations).orElse(0);
  }

  /** The status described, with the error comment when there is one. */
  public String describe() {
    return Status.describe(status()) + errorComment().map(c -> ": " + c).orElse("");
  }
}
