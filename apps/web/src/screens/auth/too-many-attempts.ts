export function tooManyAttemptsMessage(secondsLeft: number): string {
  return secondsLeft > 0 ? `Too many attempts, try again in ${secondsLeft} s` : 'You can try again now.';
}
