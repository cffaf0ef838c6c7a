# The pipeline's detection chain in R `surveillance`, timed per series, as the bench's baseline.
# Usage: Rscript r-surveillance-chain.R <seed> <complete-weeks> <residents-file>
# The residents file has one wijk's residents per line; every wijk gets the three themes' seasonal
# Poisson series (the same rates as the detection bench's synthetic cube). Per series, as the pipeline
# does: earsC C1, C2, C3 (baseline 7, alpha 0.001, minSigma 1) for the last 52 weeks and
# farringtonFlexible with Noufaily's settings for the last 9. Prints one line of JSON.
suppressMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
set.seed(as.integer(args[1]))
weeks <- as.integer(args[2]) + 1
residents <- as.numeric(readLines(args[3]))
rates <- c(school_absence = 0.3, loneliness = 0.12, escalation = 0.05)
season <- 1 + 0.3 * sin(2 * pi * (0:(weeks - 1)) / 52)
noufaily <- list(b = 3, w = 3, reweight = TRUE, weightsThreshold = 2.58, trend = TRUE, pThresholdTrend = 1,
  alpha = 0.01, noPeriods = 10, pastWeeksNotIncluded = 26, thresholdMethod = "nbPlugin",
  powertrans = "2/3", limit54 = c(5, 4), populationOffset = FALSE, glmWarnings = FALSE,
  range = (weeks - 8):weeks)
series <- list()
for (r in residents) for (rate in rates) series[[length(series) + 1]] <- rpois(weeks, (r / 1000) * rate * season)
alarms <- 0
elapsed <- system.time({
  for (x in series) {
    st <- sts(observed = matrix(as.integer(x), ncol = 1), start = c(2022, 1), frequency = 52)
    for (m in c("C1", "C2", "C3")) {
      e <- earsC(st, control = list(range = (weeks - 51):weeks, method = m, baseline = 7, alpha = 0.001, minSigma = 1))
      alarms <- alarms + sum(alarms(e), na.rm = TRUE)
    }
    f <- tryCatch(farringtonFlexible(st, control = noufaily), error = function(e) NULL)
    if (!is.null(f)) alarms <- alarms + sum(alarms(f), na.rm = TRUE)
  }
})[["elapsed"]]
cat(sprintf('{"series":%d,"seconds":%.3f,"alarms":%d,"surveillance":"%s","r":"%s"}\n', length(series), elapsed,
  as.integer(alarms), as.character(packageVersion("surveillance")), paste(R.version$major, R.version$minor, sep = ".")))
