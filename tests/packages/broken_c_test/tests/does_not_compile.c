#include "broken.h"
int main(void) { return one_add(1, 2) == 3 ? 0 : 1 }  /* missing semicolon */
