#include "gui_main.h"

int main(int argc, char** argv)
{
    return runGui(argc, argv);
}
