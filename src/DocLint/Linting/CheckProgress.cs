namespace DocLint.Linting;

/// <summary>How far a check run is: <see cref="Checked"/> of the <see cref="Total"/> files it checks (CI files, docs,
/// playbooks). Reported through <see cref="CheckOptions.Progress"/>, synchronously, on the thread running the check;
/// <see cref="Checked"/> never decreases and the last report has <c>Checked == Total</c>.</summary>
public readonly record struct CheckProgress(int Checked, int Total);
