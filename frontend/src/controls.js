// The widget classes a page can show: only the controls our pages use (see
// tests/unit/test_frontend.py, which checks every model a page creates is listed here).
// Named imports let the bundler leave the rest of @jupyter-widgets/controls out
// (sliders, colour pickers, media, upload...).
import {
  DOMWidgetModel,
  DOMWidgetView,
  LayoutModel,
  LayoutView,
  StyleModel,
  StyleView,
  WidgetModel,
  WidgetView,
} from "@jupyter-widgets/base";
import { BoxModel, BoxView, HBoxModel, HBoxView, VBoxModel, VBoxView } from "@jupyter-widgets/controls/lib/widget_box";
import { ButtonModel, ButtonStyleModel, ButtonView } from "@jupyter-widgets/controls/lib/widget_button";
import { CheckboxModel, CheckboxStyleModel, CheckboxView } from "@jupyter-widgets/controls/lib/widget_bool";
import { DatePickerModel, DatePickerView } from "@jupyter-widgets/controls/lib/widget_date";
import { DescriptionStyleModel } from "@jupyter-widgets/controls/lib/widget_description";
import { BoundedIntTextModel, IntTextModel, IntTextView } from "@jupyter-widgets/controls/lib/widget_int";
import {
  DropdownModel,
  DropdownView,
  RadioButtonsModel,
  RadioButtonsView,
  ToggleButtonsModel,
  ToggleButtonsStyleModel,
  ToggleButtonsView,
} from "@jupyter-widgets/controls/lib/widget_selection";
import { TabModel, TabView } from "@jupyter-widgets/controls/lib/widget_selectioncontainer";
import {
  HTMLModel,
  HTMLStyleModel,
  HTMLView,
  LabelModel,
  LabelStyleModel,
  LabelView,
  PasswordModel,
  PasswordView,
  TextareaModel,
  TextareaView,
  TextModel,
  TextStyleModel,
  TextView,
} from "@jupyter-widgets/controls/lib/widget_string";

export const MODULES = {
  "@jupyter-widgets/base": {
    DOMWidgetModel, DOMWidgetView, LayoutModel, LayoutView, StyleModel, StyleView,
    WidgetModel, WidgetView,
  },
  "@jupyter-widgets/controls": {
    BoxModel, BoxView, HBoxModel, HBoxView, VBoxModel, VBoxView,
    ButtonModel, ButtonStyleModel, ButtonView,
    CheckboxModel, CheckboxStyleModel, CheckboxView,
    DatePickerModel, DatePickerView,
    DescriptionStyleModel,
    BoundedIntTextModel, IntTextModel, IntTextView,
    DropdownModel, DropdownView, RadioButtonsModel, RadioButtonsView,
    ToggleButtonsModel, ToggleButtonsStyleModel, ToggleButtonsView,
    TabModel, TabView,
    HTMLModel, HTMLStyleModel, HTMLView, LabelModel, LabelStyleModel, LabelView,
    PasswordModel, PasswordView, TextareaModel, TextareaView, TextModel, TextStyleModel, TextView,
  },
};
