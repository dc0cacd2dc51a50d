namespace DocLint.Linting;

/// <summary>How far a check run is: <see cref="Checked"/> of the <see cref="Total"/> files it checks (CI files, docs,
/// playbooks). Reported through <see cref="CheckOptions.Progress"/>, one report at a time (from the thread that loads the docs, then the
/// thread running the check); while the docs load, <see cref="Total"/> counts the docs, and the last report counts every file;
/// <see cref="Checked"/> never decreases and the last report has <c>Checked == Total</c>.</summary>
public readonly record struct CheckProgress(int Checked, int Total);
